import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { EmailChannelSender } from './email-channel-sender';
import { EmailSender } from './email-sender';
import { SmsChannelSender } from './sms-channel-sender';
import { SmsSender } from './sms-sender';
import { SmtpEmailSender } from './smtp-email-sender';
import { TwilioSmsSender } from './twilio-sms-sender';
import { TwilioVoiceCalls } from './twilio-voice-calls';
import { VoiceChannelSender } from './voice-channel-sender';

/**
 * Provides the provider ports SmsSender (Twilio SDK), TwilioVoiceCalls and EmailSender (SMTP) built from the typed
 * configuration, and the channel senders built on them.
 */
@Module({
  providers: [
    {
      provide: SmsSender,
      useFactory: (config: AppConfig) => new TwilioSmsSender(config.twilio, config.dispatch.providerTimeoutMs),
      inject: [APP_CONFIG],
    },
    {
      provide: EmailSender,
      useFactory: (config: AppConfig) =>
        new SmtpEmailSender(config.mail, {
          timeoutMs: config.dispatch.providerTimeoutMs,
          maxConnections: Math.min(32, Math.max(5, Math.ceil(config.dispatch.concurrency / 2))),
        }),
      inject: [APP_CONFIG],
    },
    {
      provide: TwilioVoiceCalls,
      useFactory: (config: AppConfig) => new TwilioVoiceCalls(config.twilio, config.dispatch.providerTimeoutMs),
      inject: [APP_CONFIG],
    },
    SmsChannelSender,
    EmailChannelSender,
    VoiceChannelSender,
  ],
  exports: [SmsSender, EmailSender, TwilioVoiceCalls, SmsChannelSender, EmailChannelSender, VoiceChannelSender],
})
export class ChannelsModule {}
