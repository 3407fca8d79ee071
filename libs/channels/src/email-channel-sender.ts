import { Injectable } from '@nestjs/common';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup } from './channel-sender';
import { EmailSender } from './email-sender';

/** The Message-ID of a message's e-mail: derived from its idempotency key, the same on every attempt. */
export function emailMessageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@unisson>`;
}

/** E-mail through the mail transport port (SMTP). */
@Injectable()
export class EmailChannelSender extends ChannelSender {
  readonly channel = 'email' as const;

  constructor(private readonly email: EmailSender) {
    super();
  }

  async send(delivery: OutboundDelivery): Promise<DeliveryReceipt> {
    const receipt = await this.email.send({
      to: delivery.recipient,
      subject: delivery.subject ?? '',
      text: delivery.body,
      html: delivery.bodyHtml ?? `<pre>${delivery.body}</pre>`,
      messageId: emailMessageId(delivery.idempotencyKey),
      headers: { 'X-Unisson-Message': delivery.messageId },
    });
    return { providerMessageId: receipt.providerMessageId };
  }

  /** SMTP cannot be asked what it accepted: a resend keeps the same Message-ID. */
  async lookup(): Promise<ProviderLookup> {
    return { kind: 'unknown' };
  }
}
