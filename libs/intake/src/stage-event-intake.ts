/**
 * Use case: a stage of the procedure reported by a partner, about a household it knows by its own
 * reference, or names by identity when it may report that event without knowing it yet.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdsRepository } from '@unisson/households';
import { Partner } from '@unisson/partners';
import type { StageEventInput } from './dto/submission.schemas';
import { HouseholdRecordLinker, Linkage } from './household-record-linker';
import { euroCents, ProcedureRecorder, SubmissionOutcome } from './procedure-recorder';

@Injectable()
export class StageEventIntake {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly linker: HouseholdRecordLinker,
    private readonly procedures: ProcedureRecorder,
  ) {}

  async record(manager: EntityManager, submissionId: string, partner: Partner, event: StageEventInput): Promise<SubmissionOutcome> {
    let record = await this.households.findRecordByRef(manager, partner.id, event.partnerRef);
    let linkage: Linkage = 'existing';
    if (!record && event.tenant && event.address) {
      ({ record, linkage } = await this.linker.upsertRecord(
        manager,
        partner.id,
        event.partnerRef,
        { tenant: event.tenant, address: event.address, contacts: event.contacts ?? {} },
        'fr',
      ));
    }
    if (!record?.householdId) return { error: 'UNKNOWN_PARTNER_REF' };
    await this.households.recordStatedFacts(manager, record.householdId, {
      readsWithDifficulty: event.readsWithDifficulty,
      dependentChildren: event.dependentChildren,
    });
    return this.procedures.record(manager, {
      submissionId,
      partner,
      record,
      linkage,
      type: event.type,
      occurredOn: event.occurredOn,
      facts: {
        debtCents: event.debtAmount !== undefined ? euroCents(event.debtAmount) : undefined,
        firstUnpaidOn: event.occurredOn,
        hearing: event.hearing,
      },
    });
  }
}
