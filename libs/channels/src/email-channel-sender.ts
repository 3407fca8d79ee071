import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup, SendProgress, Throttle } from './channel-sender';
import { ChannelError } from './domain/channel-error';
import { EmailLog } from './email-log';
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
  private readonly log: EmailLog | null;

  constructor(
    private readonly email: EmailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.relay = new URL(config.mail.smtpUrl).host;
    this.log = config.mail.log ? new EmailLog(config.mail.log, config.dispatch.providerTimeoutMs) : null;
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
   * SMTP itself cannot be asked what it accepted; the relay's log can (MAIL_LOG_URL). In the log:
   * accepted. Not in it, once the log had time to catch up with the hand-over: not accepted (the
   * final dot never arrived, e.g. the worker died between recording the hand-over and writing
   * it), sent again with the same Message-ID. Sooner: a retryable error (asked again later).
   * Without a log: unknown, and dispatch does not resend an e-mail past its final dot.
   */
  async lookup(delivery: OutboundDelivery, claimedAt: Date): Promise<ProviderLookup> {
    if (!this.log || !this.config.mail.log) return { kind: 'unknown' };
    const messageId = emailMessageId(delivery.idempotencyKey);
    const entries = await this.log.find(messageId);
    if (entries.length) return { kind: 'accepted', receipt: { providerMessageId: messageId, providerStatus: 'accepted' } };
    if (Date.now() - claimedAt.getTime() < this.config.mail.log.settleMs) {
      throw new ChannelError('email', 'MAIL_LOG_NOT_SETTLED', true, 'the relay log may not list this e-mail yet; asked again later');
    }
    return { kind: 'notAccepted' };
  }
}
