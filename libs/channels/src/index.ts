export { ChannelError } from './domain/channel-error';
export type { ChannelName } from './domain/channel-error';
export { countSmsSegments, segmentSms } from './domain/sms-segments';
export type { SmsEncoding, SmsSegmentation } from './domain/sms-segments';
export { SmsSender } from './sms-sender';
export type { RecentSms, SmsReceipt, SmsRequest } from './sms-sender';
export { EmailSender } from './email-sender';
export type { EmailReceipt, EmailRequest } from './email-sender';
export { BaseUrlRequestClient, TwilioSmsSender } from './twilio-sms-sender';
export { SmtpEmailSender } from './smtp-email-sender';
export { computeTwilioSignature, isValidTwilioSignature } from './twilio-signature';
export { ChannelsModule } from './channels.module';
export { ChannelSender, ChannelSenderRegistry, ClaimLapsedError } from './channel-sender';
export type { DeliveryReceipt, OutboundDelivery, ProviderLookup, SendProgress, Throttle } from './channel-sender';
export { SmsChannelSender } from './sms-channel-sender';
export { EmailChannelSender, emailLinkUrls, emailMessageId } from './email-channel-sender';
export { VoiceChannelSender, voiceMessageUrls } from './voice-channel-sender';
export { TwilioVoiceCalls } from './twilio-voice-calls';
export type { CallReceipt, CallRequest, RecentCall } from './twilio-voice-calls';
export { spokenVoiceFor } from './domain/spoken-voice';
export type { SpokenVoice } from './domain/spoken-voice';
export { bridgeTwiml, CALLBACK_DIGIT, hangupTwiml, keyPressAnswerTwiml, REPEAT_DIGIT, spokenMessageTwiml } from './domain/twiml-documents';
export type { BridgeScript, SpokenMessageScript } from './domain/twiml-documents';
export { signToken, verifyToken } from './domain/signed-tokens';
export type { TokenPurpose } from './domain/signed-tokens';
export {
  frenchPhoneToE164,
  isAllowedDestination,
  linkPhoneNumbers,
  messageIdOfVerp,
  trackLinks,
  unsubscribeHeaders,
  verpAddress,
} from './domain/email-content';
export { isValidMailWebhookSignature, MAIL_SIGNATURE_TOLERANCE_MS, signMailWebhook } from './domain/mail-webhook-signature';
