import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup, Throttle } from './channel-sender';
import { countSmsSegments } from './domain/sms-segments';
import { SmsSender } from './sms-sender';

/** How far before the claim the provider's recent messages are searched after a crash. */
const LOOKUP_MARGIN_MS = 60_000;

/** SMS through the SMS provider port (Twilio SDK), with signed status callbacks to the API. */
@Injectable()
export class SmsChannelSender extends ChannelSender {
  readonly channel = 'sms' as const;

  constructor(
    private readonly sms: SmsSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async send(delivery: OutboundDelivery): Promise<DeliveryReceipt> {
    const receipt = await this.sms.send({
      to: delivery.recipient,
      body: delivery.body,
      statusCallbackUrl: this.statusCallbackUrl(delivery.messageId),
    });
    return { providerMessageId: receipt.providerMessageId, providerStatus: receipt.providerStatus };
  }

  /** The provider lists what it accepted for the recipient: the same body since the claim is this message. */
  async lookup(delivery: OutboundDelivery, claimedAt: Date): Promise<ProviderLookup> {
    const recent = await this.sms.findRecent(delivery.recipient, new Date(claimedAt.getTime() - LOOKUP_MARGIN_MS));
    const accepted = recent.find((r) => r.body === delivery.body);
    return accepted
      ? { kind: 'accepted', receipt: { providerMessageId: accepted.providerMessageId, providerStatus: accepted.status } }
      : { kind: 'notAccepted' };
  }

  override async providerStatus(_delivery: OutboundDelivery, providerMessageId: string): Promise<string> {
    return this.sms.fetchStatus(providerMessageId);
  }

  /** Twilio paces each sending number in SMS parts (10 parts/s by default outside the US). */
  override throttle(delivery: OutboundDelivery): Throttle {
    return {
      key: `twilio:${this.sms.fromNumber}`,
      cost: countSmsSegments(delivery.body),
      perSecond: this.config.dispatch.smsPartsPerSecond,
    };
  }

  statusCallbackUrl(messageId: string): string {
    return `${this.config.api.publicBaseUrl}/v1/webhooks/twilio/message-status?messageId=${messageId}`;
  }
}
