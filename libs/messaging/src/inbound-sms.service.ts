import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HouseholdsRepository, toE164 } from '@unisson/households';
import { PartnerNotifier } from '@unisson/webhooks';
import { ContactOutcomeReporter } from './contact-outcome-reporter';
import { isOptOutReply } from './domain/opt-out-keywords';
import { InboundResponse } from './entities/inbound-response.entity';

/** A household's SMS reply: an opt-out is honoured for every household with that number. */
@Injectable()
export class InboundSmsService {
  private readonly logger = new Logger('InboundSms');

  constructor(
    private readonly households: HouseholdsRepository,
    private readonly dataSource: DataSource,
    private readonly outcomes: ContactOutcomeReporter,
    @Optional() private readonly notifier?: PartnerNotifier,
  ) {}

  async receive(sms: { from: string; body: string; providerMessageId: string }): Promise<'opt_out' | 'sms_reply'> {
    const phone = toE164(sms.from) ?? sms.from;
    const householdIds = await this.households.findHouseholdIdsByPhone(phone);
    const kind = isOptOutReply(sms.body) ? 'opt_out' : 'sms_reply';
    if (kind === 'opt_out') {
      await Promise.all(householdIds.map((id) => this.households.recordOptOut(id, 'sms', 'sms_stop')));
    }
    const targets = householdIds.length ? householdIds : [null];
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(InboundResponse)
      .values(
        targets.map((householdId, i) => ({
          householdId,
          channel: 'sms',
          kind,
          externalId: i === 0 ? sms.providerMessageId : `${sms.providerMessageId}:${i}`,
          details: kind === 'sms_reply' ? { length: sms.body.length } : {},
        })),
      )
      .orIgnore()
      .execute();
    this.logger.log({ kind, households: householdIds.length }, 'inbound SMS recorded');
    if (kind === 'opt_out') await this.outcomes.householdOptedOut(householdIds);
    else await this.outcomes.householdAnswered(householdIds, new Date());
    // Every partner holding a record of the household hears of it (webhooks), once per reply.
    for (const householdId of householdIds) {
      await this.notifier?.notifyPartner({
        type: kind === 'opt_out' ? 'household.opted_out' : 'household.responded',
        eventId: `sms:${sms.providerMessageId}:${householdId}`,
        householdId,
        occurredAt: new Date().toISOString(),
        facts: kind === 'opt_out' ? { channel: 'sms', everyPartner: true } : { channel: 'sms', kind: 'sms_reply' },
      });
    }
    return kind;
  }
}
