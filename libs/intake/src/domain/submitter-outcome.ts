/**
 * What a partner is told of its own submission (`GET /v1/submissions/{id}`): only what its own
 * report says, the same shape whether Unisson already followed the household or not. What
 * processing recorded beyond it — whether the record was linked to another partner's household,
 * the stage the procedure was already at, the intents signed by other partners — comes from other
 * partners' records, and answering with it would let any partner test whether a named person is
 * followed and learn their procedure's stage. The household's id is given once the partner holds
 * a record of it (it reads the plan with it); it is a new id whether the household was known or not.
 */
import { effectOfEvent, STAGE_EVENT_TYPES, StageEventType } from '@unisson/vocabulary';

/** What processing stored (intake's SubmissionOutcome), as far as this view reads it. */
export interface StoredOutcome {
  householdId?: string;
  /** The event type the partner reported (alerts: premier_impaye). */
  reportedType?: string;
  stage?: string;
  intents?: ReadonlyArray<{ partnerId: string; purpose: string; stage: string; deadlineOn: string | null; callbackPhone: string | null }>;
  error?: string;
  warning?: string;
}

export interface SubmitterOutcome {
  householdId?: string;
  /** Stage events and alerts: the stage the partner's own event moves a procedure to (none for a closing event or a fact). */
  stage?: string;
  /** Stage events: whether the partner's own event is one that closes the procedure (debt cleared, moved out). */
  closes?: boolean;
  /** Intents: the partner's own intent, as the engine was asked to plan it. */
  intents?: Array<{ purpose: string; stage: string; deadlineOn: string | null; callbackPhone: string | null }>;
  error?: string;
  warning?: string;
}

const isEventType = (type: unknown): type is StageEventType => (STAGE_EVENT_TYPES as readonly unknown[]).includes(type);

export function submitterOutcome(
  kind: 'alert' | 'stage_event' | 'intent',
  submitterId: string,
  stored: StoredOutcome | null,
): SubmitterOutcome | null {
  if (!stored) return null;
  if (stored.error) {
    // An intent names only a household the partner holds: its errors (no open procedure, a purpose
    // not at this stage) are about that household. A report's error says only that it was refused.
    return kind === 'intent' && stored.householdId ? { householdId: stored.householdId, error: stored.error } : { error: stored.error };
  }
  if (kind === 'intent') {
    return {
      householdId: stored.householdId,
      stage: stored.stage,
      intents: (stored.intents ?? [])
        .filter((i) => i.partnerId === submitterId)
        .map((i) => ({ purpose: i.purpose, stage: i.stage, deadlineOn: i.deadlineOn, callbackPhone: i.callbackPhone })),
      ...(stored.warning ? { warning: stored.warning } : {}),
    };
  }
  const reported = kind === 'alert' ? 'premier_impaye' : stored.reportedType;
  const effect = isEventType(reported) ? effectOfEvent(reported) : null;
  return {
    householdId: stored.householdId,
    ...(effect && 'moves' in effect ? { stage: effect.moves } : {}),
    ...(effect && 'closes' in effect ? { closes: true } : {}),
  };
}
