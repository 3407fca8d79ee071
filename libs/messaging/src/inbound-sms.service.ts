import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HouseholdsRepository, toE164 } from '@unisson/households';
import { ResponseRecorder } from '@unisson/responses';
import { PartnerNotifier } from '@unisson/webhooks';
import { ContactOutcomeReporter } from './contact-outcome-reporter';
import { isOptOutReply } from './domain/opt-out-keywords';
import { InboundResponse } from './entities/inbound-response.entity';
import { MessagesRepository } from './messages.repository';

/**
 * A household's SMS: an opt-out is honoured for every household with that number; any other
 * reply is a response event (`sms_replied`) of each household with that number, tied to the last
 * SMS it was sent, counted once per provider message id however often the webhook is retried.
 */
@Injectable()
export class InboundSmsService {
  private readonly logger = new Logger('InboundSms');

  constructor(
    private readonly households: HouseholdsRepository,
    private readonly dataSource: DataSource,
    private readonly outcomes: ContactOutcomeReporter,
    private readonly messages: MessagesRepository,
    private readonly responses: ResponseRecorder,
    @Optional() private readonly notifier?: PartnerNotifier,
  ) {}

  async receive(sms: { from: string; body: string; providerMessageId: string }, receivedAt = new Date()): Promise<'opt_out' | 'sms_reply'> {
    const phone = toE164(sms.from) ?? sms.from;
    const householdIds = await this.households.findHouseholdIdsByPhone(phone);
    const kind = isOptOutReply(sms.body) ? 'opt_out' : 'sms_reply';
    if (kind === 'opt_out') {
      await Promise.all(householdIds.map((id) => this.households.recordOptOut(id, 'sms', 'sms_stop')));
    }
    // The SMS each household was last sent: what a reply answers (its plan, template version, variant).
    const answered = new Map<string, Awaited<ReturnType<MessagesRepository['findLastSmsSentBefore']>>>();
    if (kind === 'sms_reply') for (const id of householdIds) answered.set(id, await this.messages.findLastSmsSentBefore(id, receivedAt));
    const targets = householdIds.length ? householdIds : [null];
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(InboundResponse)
      .values(
        targets.map((householdId, i) => ({
          householdId,
          messageId: householdId ? (answered.get(householdId)?.id ?? null) : null,
          channel: 'sms',
          kind,
          externalId: i === 0 ? sms.providerMessageId : `${sms.providerMessageId}:${i}`,
          details: kind === 'sms_reply' ? { length: sms.body.length } : {},
        })),
      )
      .orIgnore()
      .execute();
    this.logger.log({ kind, households: householdIds.length }, 'inbound SMS recorded');
    if (kind === 'opt_out') {
      await this.outcomes.householdOptedOut(householdIds);
      // Every partner holding a record of the household hears of it (webhooks), once per STOP.
      for (const householdId of householdIds) {
        await this.notifier?.notifyPartner({
          type: 'household.opted_out',
          eventId: `sms:${sms.providerMessageId}:${householdId}`,
          householdId,
          occurredAt: receivedAt.toISOString(),
          facts: { channel: 'sms', everyPartner: true },
        });
      }
      return kind;
    }
    // A reply without the provider's id cannot be counted once: it stays in the SMS log only.
    if (!sms.providerMessageId) return kind;
    // The recorder tells the engine (the household responded, the SMS's contact answered) and the partners, once.
    for (const householdId of householdIds) {
      const message = answered.get(householdId) ?? null;
      await this.responses.record({
        idempotencyKey: `sms-reply:${sms.providerMessageId}:${householdId}`,
        householdId,
        kind: 'sms_replied',
        source: 'sms',
        occurredAt: receivedAt,
        messageId: message?.id ?? null,
        plannedContactKey: message?.plannedContactKey ?? null,
        partnerId: message?.signingPartnerIds[0] ?? null,
        details: { length: sms.body.length },
      });
    }
    return kind;
  }
}
