/**
 * Where a procedure stands after a stage event. Stages and stage events are defined once, in
 * @unisson/vocabulary.
 */
import { effectOfEvent, ProcedureStage, StageEventType, stageRank } from '@unisson/vocabulary';

export interface ProcedureAfterEvent {
  stage: ProcedureStage;
  closed: boolean;
  /** The event moved the procedure to a later stage (a late-reported earlier event does not). */
  advanced: boolean;
}

/**
 * The procedure after an event. Stages never go backwards: a late-reported earlier event is
 * recorded but does not rewind the procedure; a closing event closes it where it stands.
 */
export function procedureAfter(current: ProcedureStage | null, event: StageEventType): ProcedureAfterEvent {
  const effect = effectOfEvent(event);
  const stage = current ?? ('moves' in effect ? effect.moves : 'premier_impaye');
  if ('closes' in effect) return { stage, closed: true, advanced: false };
  if (!('moves' in effect)) return { stage, closed: false, advanced: current === null };
  if (current === null) return { stage: effect.moves, closed: false, advanced: true };
  const advanced = stageRank(effect.moves) > stageRank(current);
  return { stage: advanced ? effect.moves : current, closed: false, advanced };
}
