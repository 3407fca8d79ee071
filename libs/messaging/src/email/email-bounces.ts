import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { messageIdOfVerp } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { CoordinationService } from '@unisson/coordination';
import { ResponseRecorder } from '@unisson/responses';
import { MessagesRepository } from '../messages.repository';
import { isPermanentFailure, parseDeliveryStatusReport } from './delivery-status-report';
import { bouncedAddressKey } from './bounced-addresses';

export type BounceOutcome = 'address-invalid' | 'delayed' | 'not-ours' | 'unknown-message' | 'already-known';

/**
 * Delivery status notifications returned to our VERP return path: a permanent failure for the
 * message's recipient marks that address invalid (no message goes to it again), moves the
 * message to undelivered, and records `email_bounced`, whose outcome makes the engine take the
 * playbook's next channel.
 */
@Injectable()
export class EmailBounces {
  private readonly logger = new Logger('EmailBounces');

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly responses: ResponseRecorder,
    private readonly coordination: CoordinationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(envelopeTo: string, rawReport: string): Promise<BounceOutcome> {
    const messageId = messageIdOfVerp(envelopeTo, this.config.mail.returnPath);
    if (!messageId) return 'not-ours';
    const report = parseDeliveryStatusReport(rawReport);
    const message = await this.messages.findById(messageId);
    if (!message || message.channel !== 'email') return 'unknown-message';
    const recipient = message.recipient.trim().toLowerCase();
    const failed = report.recipients.find((r) => r.finalRecipient === recipient && isPermanentFailure(r));
    if (!failed) return report.recipients.some((r) => r.finalRecipient === recipient) ? 'delayed' : 'not-ours';
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO email_bounce (household_id, message_id, address_index, status_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id, address_index) DO NOTHING RETURNING id`,
      [message.householdId, message.id, bouncedAddressKey(recipient), failed.status],
    );
    await this.coordination.markEmailInvalid(message.householdId, recipient);
    await this.messages.transition(message.id, {
      to: 'undelivered',
      source: 'email_bounce',
      providerStatus: `bounced ${failed.status}`,
      errorCode: failed.status,
      set: { failedAt: new Date(), lastErrorCode: failed.status },
    });
    await this.responses.record({
      idempotencyKey: `email-bounce:${message.id}`,
      householdId: message.householdId,
      kind: 'email_bounced',
      source: 'email',
      occurredAt: new Date(),
      messageId: message.id,
      plannedContactKey: message.plannedContactKey,
      partnerId: message.signingPartnerIds[0] ?? null,
      details: { status: failed.status },
    });
    this.logger.log({ messageId: message.id, status: failed.status }, 'e-mail address bounced: marked invalid');
    return inserted.length ? 'address-invalid' : 'already-known';
  }
}
