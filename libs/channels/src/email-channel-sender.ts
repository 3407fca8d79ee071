import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup, SendProgress, Throttle } from './channel-sender';
import { EmailSender } from './email-sender';

/** The Message-ID of a message's e-mail: derived from its idempotency key, the same on every attempt. */
export function emailMessageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@unisson>`;
}

/** E-mail through the mail transport port (SMTP). */
@Injectable()
export class EmailChannelSender extends ChannelSender {
  readonly channel = 'email' as const;

  private readonly relay: string;

  constructor(
    private readonly email: EmailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.relay = new URL(config.mail.smtpUrl).host;
  }

  async send(delivery: OutboundDelivery, progress?: SendProgress): Promise<DeliveryReceipt> {
    const receipt = await this.email.send(
      {
        to: delivery.recipient,
        subject: delivery.subject ?? '',
        text: delivery.body,
        html: delivery.bodyHtml ?? `<pre>${delivery.body}</pre>`,
        messageId: emailMessageId(delivery.idempotencyKey),
        headers: { 'X-Unisson-Message': delivery.messageId },
      },
      progress ? () => progress.beforeHandover() : undefined,
    );
    return { providerMessageId: receipt.providerMessageId };
  }

  /** One bucket per relay. */
  override throttle(): Throttle {
    return { key: `smtp:${this.relay}`, cost: 1, perSecond: this.config.dispatch.emailsPerSecond };
  }

  /**
   * SMTP cannot be asked what it accepted. Dispatch knows instead whether the transaction reached
   * its final dot (`beforeHandover`): before it, a resend is safe; after it, the e-mail is not
   * resent, and any resend after a known failure keeps the same Message-ID.
   */
  async lookup(): Promise<ProviderLookup> {
    return { kind: 'unknown' };
  }
}
