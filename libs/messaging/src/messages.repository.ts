import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MessageDraft } from './domain/message-draft';
import { MessageStatus, statusesAllowingTransitionTo } from './domain/message-status';
import { MessageStatusEvent } from './entities/message-status-event.entity';
import { OutboundMessage } from './entities/outbound-message.entity';

export interface StatusChange {
  to: MessageStatus;
  source: string;
  providerStatus?: string | null;
  errorCode?: string | null;
  /** Extra columns set with the change (provider id, timestamps). */
  set?: Partial<
    Pick<
      OutboundMessage,
      | 'providerMessageId'
      | 'sentAt'
      | 'deliveredAt'
      | 'failedAt'
      | 'lastErrorCode'
      | 'sendingStartedAt'
      | 'providerHandoverAt'
      | 'statusCheckedAt'
    >
  >;
}

@Injectable()
export class MessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores drafts; a draft whose idempotency key exists already is skipped. Returns new ids. */
  async insertDrafts(manager: EntityManager, drafts: MessageDraft[]): Promise<string[]> {
    if (!drafts.length) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboundMessage)
      .values(drafts.map((d) => ({ ...d, status: 'queued' as const })))
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as Array<{ id: string }>).map((r) => r.id);
    if (ids.length) {
      await manager.insert(
        MessageStatusEvent,
        ids.map((messageId) => ({ messageId, fromStatus: null, toStatus: 'queued' as const, source: 'intake' })),
      );
    }
    return ids;
  }

  async findIdByIdempotencyKey(idempotencyKey: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(OutboundMessage).findOne({ where: { idempotencyKey }, select: { id: true } });
    return row?.id ?? null;
  }

  findById(id: string): Promise<OutboundMessage | null> {
    return this.dataSource.getRepository(OutboundMessage).findOne({ where: { id } });
  }

  findByProviderId(providerMessageId: string): Promise<OutboundMessage | null> {
    return this.dataSource.getRepository(OutboundMessage).findOne({ where: { providerMessageId } });
  }

  /**
   * Moves a message to a new status only from a status that allows it (and, when given, only
   * from `expectedFrom`), recording the change. Returns the message after the change, or null
   * when another actor got there first.
   */
  async transition(id: string, change: StatusChange, expectedFrom?: MessageStatus): Promise<OutboundMessage | null> {
    const allowed = expectedFrom ? [expectedFrom] : statusesAllowingTransitionTo(change.to);
    if (!allowed.length) return null;
    return this.dataSource.transaction(async (manager) => {
      const before = await manager
        .getRepository(OutboundMessage)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id AND m.status IN (:...allowed)', { id, allowed })
        .getOne();
      if (!before || !statusesAllowingTransitionTo(change.to).includes(before.status)) return null;
      const sendAttempts = change.to === 'sending' ? before.sendAttempts + 1 : before.sendAttempts;
      await manager.update(OutboundMessage, { id }, { status: change.to, sendAttempts, ...change.set });
      await manager.insert(MessageStatusEvent, {
        messageId: id,
        fromStatus: before.status,
        toStatus: change.to,
        source: change.source,
        providerStatus: change.providerStatus ?? null,
        errorCode: change.errorCode ?? null,
      });
      return { ...before, status: change.to, sendAttempts, ...change.set } as OutboundMessage;
    });
  }

  /** Queued messages that are due and untouched for a while: their job may be lost (crash between commit and enqueue, Redis emptied). */
  async findDueQueuedIds(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbound_message
        WHERE status = 'queued' AND not_before <= now() AND updated_at < now() - ($1 || ' milliseconds')::interval
        ORDER BY not_before LIMIT $2`,
      [String(olderThanMs), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Messages stuck in "sending": the worker died between marking and recording the provider's answer. */
  async findStuckSendingIds(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbound_message
        WHERE status = 'sending' AND sending_started_at < now() - ($1 || ' milliseconds')::interval
        ORDER BY sending_started_at LIMIT $2`,
      [String(olderThanMs), limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Sent SMS without a final status (delivered, undelivered, failed) this long after they were
   * sent, and not asked about for as long: their status callbacks may have been lost. Three days on, we stop asking.
   */
  async findSentAwaitingStatus(olderThanMs: number, limit: number): Promise<OutboundMessage[]> {
    return this.dataSource
      .getRepository(OutboundMessage)
      .createQueryBuilder('m')
      .where(`m.status = 'sent' AND m.channel IN ('sms', 'voice') AND m.provider_message_id IS NOT NULL`)
      .andWhere(`m.sent_at < now() - make_interval(secs => :seconds) AND m.sent_at > now() - interval '3 days'`, {
        seconds: olderThanMs / 1000,
      })
      .andWhere(`(m.status_checked_at IS NULL OR m.status_checked_at < now() - make_interval(secs => :seconds))`)
      .orderBy('m.sent_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async markStatusChecked(id: string): Promise<void> {
    await this.dataSource.getRepository(OutboundMessage).update({ id }, { statusCheckedAt: new Date() });
  }

  /** Of these planned contacts, those that have no message yet (their hand-off job may be lost). */
  async findContactKeysWithoutMessage(contactKeys: readonly string[]): Promise<string[]> {
    if (contactKeys.length === 0) return [];
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
        WHERE NOT EXISTS (SELECT 1 FROM outbound_message m WHERE m.planned_contact_key = k.key)`,
      [contactKeys],
    );
    return rows.map((r) => r.key);
  }

  async statusHistory(messageId: string): Promise<MessageStatusEvent[]> {
    return this.dataSource.getRepository(MessageStatusEvent).find({ where: { messageId }, order: { id: 'ASC' } });
  }

  /** The household's last SMS handed to the provider before `at`: the message an SMS reply answers. */
  findLastSmsSentBefore(householdId: string, at: Date): Promise<OutboundMessage | null> {
    return this.dataSource
      .getRepository(OutboundMessage)
      .createQueryBuilder('m')
      .where('m.household_id = :householdId AND m.channel = :sms AND m.sent_at IS NOT NULL AND m.sent_at <= :at', {
        householdId,
        sms: 'sms',
        at,
      })
      .orderBy('m.sent_at', 'DESC')
      .limit(1)
      .getOne();
  }

  async findMessagesOfHousehold(householdId: string): Promise<OutboundMessage[]> {
    return this.dataSource.getRepository(OutboundMessage).find({ where: { householdId }, order: { createdAt: 'ASC' } });
  }
}
