import { Injectable } from '@nestjs/common';
import { Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { CoordinationService } from '@unisson/coordination';
import { ContactCorrection, HouseholdCorrections, toE164 } from '@unisson/households';
import { LinkageService } from '@unisson/linkage';
import { TaskWork } from '@unisson/tasks';
import { HouseholdViewService } from './household-view.service';

export const OPT_OUT_CHANNELS = ['sms', 'email', 'letter', 'call'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

/**
 * The household's rights that change data: correcting contact data (the organisation's own
 * records; every record for Unisson's admin) and objecting to a channel, honoured by every
 * partner at once. Household matching and the contact plan follow; every change is audited.
 */
@Injectable()
export class HouseholdRightsService {
  constructor(
    private readonly view: HouseholdViewService,
    private readonly corrections: HouseholdCorrections,
    private readonly linkage: LinkageService,
    private readonly coordination: CoordinationService,
    private readonly tasks: TaskWork,
    private readonly audit: AuditTrail,
  ) {}

  async correctContacts(actor: Principal, householdId: string, correction: ContactCorrection, correlationId: string | null) {
    const access = await this.view.authorise(actor, householdId, 'household.contacts.correct');
    const normalised: ContactCorrection = {
      ...correction,
      ...(correction.phone !== undefined
        ? { phone: correction.phone === null ? null : (toE164(correction.phone) ?? correction.phone) }
        : {}),
    };
    const records = await this.corrections.correctContacts(householdId, actor.partnerId, normalised);
    // Household matching keeps its own copy of each record: give it the corrected one.
    for (const r of records) {
      await this.linkage.linkRecord(access.territory, {
        recordId: r.id,
        partnerId: r.partnerId,
        lastName: r.lastName,
        firstName: r.firstName,
        birthDate: r.birthDate,
        street: r.street,
        addressExtra: r.addressExtra,
        postalCode: r.postalCode,
        city: r.city,
        phone: r.phone,
        email: r.email,
        cafNumber: r.cafNumber,
      });
    }
    await this.coordination.replan(householdId);
    const fields = Object.keys(correction).filter((k) => correction[k as keyof ContactCorrection] !== undefined);
    await this.audit.record({
      actor,
      action: 'household.contacts.correct',
      subjectType: 'household',
      subjectId: householdId,
      householdId,
      outcome: 'success',
      fields,
      correlationId,
    });
    return { householdId, recordsCorrected: records.length, fields };
  }

  /**
   * The household itself objects (one-click unsubscribe in an e-mail, a key on the phone): the
   * channel is closed for every partner at once, the plan follows, the audit names no person.
   */
  async householdObjects(householdId: string, channel: OptOutChannel, source: string): Promise<'new' | 'already'> {
    const created = await this.corrections.recordOptOut(householdId, channel, source);
    if (created) await this.followObjection(householdId);
    await this.audit.record({
      actor: null,
      action: 'household.opt_out.write',
      subjectType: 'household',
      subjectId: householdId,
      householdId,
      outcome: 'success',
      fields: [channel],
      correlationId: null,
    });
    return created ? 'new' : 'already';
  }

  async optOut(actor: Principal, householdId: string, channel: OptOutChannel, correlationId: string | null) {
    await this.view.authorise(actor, householdId, 'household.opt_out.write');
    const created = await this.corrections.recordOptOut(
      householdId,
      channel === 'call' ? 'call' : channel,
      actor.type === 'api_key' ? 'partner' : 'partner_staff',
    );
    await this.followObjection(householdId);
    await this.audit.record({
      actor,
      action: 'household.opt_out.write',
      subjectType: 'household',
      subjectId: householdId,
      householdId,
      outcome: 'success',
      fields: [channel],
      correlationId,
    });
    return { householdId, channel, recorded: created ? 'new' : 'already' };
  }

  /**
   * The plan drops what the objection closes, and the household's open tasks leave the worklists
   * at once (a call task after an objection to calls): no caller is sent meanwhile. A claim checks
   * again anyway, so an objection recorded while a caller claims is honoured too.
   */
  private async followObjection(householdId: string): Promise<void> {
    await this.coordination.replan(householdId);
    await this.tasks.recheckHousehold(householdId);
  }
}
