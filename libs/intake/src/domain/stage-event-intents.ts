/**
 * The intents a reported stage event gives the coordination engine: what the territory's
 * playbook prescribes at the stage, each signed by the partner that holds the household's record
 * (see intentsForStageEvent). Idempotency keys derive from the submission: a retried job posts
 * the same intents, which the engine ignores.
 */
import { intentsForStageEvent, Playbook, StageEventParties, TerritoryPartner } from '@unisson/coordination';
import type { ProcedureStage } from '@unisson/vocabulary';

export interface StageEventFacts extends StageEventParties {
  submissionId: string;
  /** The stage the procedure is in after the event, or null (closed). */
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
  /** Last civil day the household should hear about it (end of that day in the household's time zone). */
  deadlineOn: string | null;
  callbackPhone: string | null;
}

export function stageEventIntents(
  facts: StageEventFacts,
  playbook: Playbook | null,
  partners: readonly TerritoryPartner[],
): IntentToPost[] {
  if (!facts.stage || !facts.advanced || !playbook) return [];
  return intentsForStageEvent(
    playbook,
    facts.stage,
    partners,
    { id: facts.submissionId, occurredAt: `${facts.occurredOn}T12:00:00.000Z` },
    facts,
  ).map((intent) => ({
    idempotencyKey: intent.id,
    partnerId: intent.partnerId,
    partnerKind: intent.partnerKind,
    stage: intent.stage,
    purpose: intent.purpose,
    legal: intent.legal,
    deadlineOn: null,
    callbackPhone: intent.callbackPhone,
  }));
}
