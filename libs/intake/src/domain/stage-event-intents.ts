/**
 * The intents a reported stage event gives the coordination engine: what the territory's
 * playbook prescribes at the stage, each led by a partner of the kind it names, the reporting
 * partner first when it is of that kind (a landlord's alert is led by that landlord, not by
 * another landlord of the territory). Idempotency keys derive from the submission: a retried job
 * posts the same intents, which the engine ignores.
 */
import { intentsForStageEvent, Playbook, ProcedureStage, TerritoryPartner } from '@unisson/coordination';

export interface StageEventFacts {
  submissionId: string;
  reportingPartnerId: string;
  /** The engine's stage the procedure is in after the event, or null (closed, unknown). */
  stage: ProcedureStage | null;
  /** Whether the event moved the procedure to that stage (a late earlier event does not). */
  advanced: boolean;
  occurredOn: string;
}

export interface IntentToPost {
  idempotencyKey: string;
  partnerId: string;
  partnerKind: TerritoryPartner['kind'];
  stage: ProcedureStage;
  purpose: string;
  legal: boolean;
  deadline: string | null;
  callbackPhone: string | null;
}

export function stageEventIntents(
  facts: StageEventFacts,
  playbook: Playbook | null,
  partners: readonly TerritoryPartner[],
): IntentToPost[] {
  if (!facts.stage || !facts.advanced || !playbook) return [];
  const ordered = [...partners].sort((a, b) => Number(b.id === facts.reportingPartnerId) - Number(a.id === facts.reportingPartnerId));
  return intentsForStageEvent(playbook, facts.stage, ordered, {
    id: facts.submissionId,
    occurredAt: `${facts.occurredOn}T12:00:00.000Z`,
  }).map((intent) => ({
    idempotencyKey: intent.id,
    partnerId: intent.partnerId,
    partnerKind: intent.partnerKind,
    stage: intent.stage,
    purpose: intent.purpose,
    legal: intent.legal,
    deadline: intent.deadline,
    callbackPhone: intent.callbackPhone,
  }));
}
