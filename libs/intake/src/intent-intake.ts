/**
 * Use case: a partner's own intent about a household it named before, for a purpose the
 * territory's playbook has at the household's current stage (else a clear error in the outcome).
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdsRepository, toE164 } from '@unisson/households';
import { Partner } from '@unisson/partners';
import { departementOfPostalCode } from '@unisson/vocabulary';
import type { IntentInput } from './dto/submission.schemas';
import { ProcedureRecorder, SubmissionOutcome } from './procedure-recorder';

@Injectable()
export class IntentIntake {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly procedures: ProcedureRecorder,
  ) {}

  async record(manager: EntityManager, submissionId: string, partner: Partner, input: IntentInput): Promise<SubmissionOutcome> {
    const record = await this.households.findRecordByRef(manager, partner.id, input.partnerRef);
    if (!record?.householdId) return { error: 'UNKNOWN_PARTNER_REF' };
    const procedure = await this.households.findOpenProcedure(manager, record.householdId);
    if (!procedure) return { householdId: record.householdId, error: 'NO_OPEN_PROCEDURE' };
    const outcome: SubmissionOutcome = {
      householdId: record.householdId,
      procedureId: procedure.id,
      stage: procedure.stage,
      linkage: 'existing',
    };
    const playbook = this.procedures.playbookOf(departementOfPostalCode(record.postalCode));
    if (!playbook) return { ...outcome, error: 'NO_PLAYBOOK_FOR_TERRITORY' };
    const purpose = playbook.purposes.find((p) => p.id === input.purpose && p.stage === procedure.stage);
    if (!purpose) return { ...outcome, error: 'PURPOSE_NOT_AT_THIS_STAGE' };
    outcome.intents = [
      {
        idempotencyKey: `${submissionId}.${purpose.id}`,
        partnerId: partner.id,
        partnerKind: partner.kind,
        stage: procedure.stage,
        purpose: purpose.id,
        legal: purpose.legal,
        // A civil date: the engine reads it as the end of that day in the household's time zone.
        deadlineOn: input.deadline ?? null,
        callbackPhone: toE164(input.callbackPhone) ?? partner.publicPhone,
      },
    ];
    return outcome;
  }
}
