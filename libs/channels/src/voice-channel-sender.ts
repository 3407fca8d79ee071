import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup, Throttle } from './channel-sender';
import { TwilioVoiceCalls } from './twilio-voice-calls';

/** How far before the claim the provider's recent calls are searched after a crash. */
const LOOKUP_MARGIN_MS = 60_000;

/** Where Twilio fetches a spoken message's TwiML, posts its key presses and its call's statuses. */
export function voiceMessageUrls(publicBaseUrl: string, messageId: string) {
  return {
    twiml: `${publicBaseUrl}/v1/voice/messages/${messageId}/twiml`,
    keypress: `${publicBaseUrl}/v1/voice/messages/${messageId}/keypress`,
    status: `${publicBaseUrl}/v1/webhooks/twilio/call-status?messageId=${messageId}`,
  };
}

/**
 * A spoken message: a Twilio call whose TwiML (served by the API from the stored message) says
 * the text in the household's language and offers a call-back on a key press. Exactly once like
 * SMS: before a retry, the calls already placed to the recipient since the claim are asked.
 */
@Injectable()
export class VoiceChannelSender extends ChannelSender {
  readonly channel = 'voice' as const;

  constructor(
    private readonly calls: TwilioVoiceCalls,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async send(delivery: OutboundDelivery): Promise<DeliveryReceipt> {
    const urls = voiceMessageUrls(this.config.api.publicBaseUrl, delivery.messageId);
    const receipt = await this.calls.create({
      to: delivery.recipient,
      from: this.calls.fromNumber,
      twimlUrl: urls.twiml,
      statusCallbackUrl: urls.status,
    });
    return { providerMessageId: receipt.callSid, providerStatus: receipt.status };
  }

  /** A call from our number to the recipient since the claim is this message (one spoken message per contact). */
  async lookup(delivery: OutboundDelivery, claimedAt: Date): Promise<ProviderLookup> {
    const recent = await this.calls.findRecent(delivery.recipient, this.calls.fromNumber, new Date(claimedAt.getTime() - LOOKUP_MARGIN_MS));
    const placed = recent[0];
    return placed
      ? { kind: 'accepted', receipt: { providerMessageId: placed.callSid, providerStatus: placed.status } }
      : { kind: 'notAccepted' };
  }

  override async providerStatus(_delivery: OutboundDelivery, callSid: string): Promise<string> {
    return this.calls.fetchStatus(callSid);
  }

  /** Twilio places calls at one per second per account by default (CALLS_PER_SECOND). */
  override throttle(): Throttle {
    return { key: `twilio-calls:${this.config.twilio.accountSid}`, cost: 1, perSecond: this.config.dispatch.callsPerSecond };
  }
}
