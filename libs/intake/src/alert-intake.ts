/** Use case: a landlord's first-arrears alert becomes the household's record and the procedure's first stage. */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdsRepository } from '@unisson/households';
import { Partner } from '@unisson/partners';
import type { AlertInput } from './dto/submission.schemas';
import { HouseholdRecordLinker } from './household-record-linker';
import { euroCents, ProcedureRecorder, SubmissionOutcome } from './procedure-recorder';

@Injectable()
export class AlertIntake {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly linker: HouseholdRecordLinker,
    private readonly procedures: ProcedureRecorder,
  ) {}

  async record(manager: EntityManager, submissionId: string, landlord: Partner, alert: AlertInput): Promise<SubmissionOutcome> {
    const { record, linkage } = await this.linker.upsertRecord(
      manager,
      landlord.id,
      alert.partnerRef,
      { ...alert, cafNumber: alert.cafNumber },
      alert.preferredLocale,
    );
    await this.households.recordStatedFacts(manager, record.householdId!, {
      readsWithDifficulty: alert.readsWithDifficulty,
      dependentChildren: alert.dependentChildren,
    });
    return this.procedures.record(manager, {
      submissionId,
      partner: landlord,
      record,
      linkage,
      type: 'premier_impaye',
      occurredOn: alert.arrears.firstUnpaidOn,
      facts: {
        housingSector: alert.lease.housingSector,
        leaseSignedOn: alert.lease.signedOn ?? null,
        monthlyRentCents: euroCents(alert.lease.monthlyRent),
        debtCents: euroCents(alert.arrears.amount),
        firstUnpaidOn: alert.arrears.firstUnpaidOn,
      },
    });
  }
}
