/**
 * What a caller or a visitor notes at the end of an attempt, and what follows from it: another
 * attempt later, or the task is done and the coordination engine learns how the contact went.
 */
import type { TaskChannel } from './task-channel';

export const CALL_OUTCOMES = ['reached', 'no_answer', 'voicemail', 'wrong_number', 'callback_requested', 'refused'] as const;
export const VISIT_OUTCOMES = ['met', 'absent', 'moved', 'refused', 'note_left'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export type TaskOutcome = CallOutcome | VisitOutcome;
export const TASK_OUTCOMES: readonly TaskOutcome[] = [...new Set<TaskOutcome>([...CALL_OUTCOMES, ...VISIT_OUTCOMES])];

export const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  reached: 'Joint : la personne a répondu',
  no_answer: 'Pas de réponse',
  voicemail: 'Messagerie (message laissé)',
  wrong_number: 'Mauvais numéro',
  callback_requested: 'Demande à être rappelée',
  refused: 'Refuse d’être contactée',
  met: 'Rencontrée',
  absent: 'Absente',
  moved: 'A déménagé',
  note_left: 'Avis de passage laissé',
};

export function outcomesOf(channel: TaskChannel): readonly TaskOutcome[] {
  return channel === 'call' ? CALL_OUTCOMES : VISIT_OUTCOMES;
}

export function isOutcomeOf(channel: TaskChannel, value: string): value is TaskOutcome {
  return (outcomesOf(channel) as readonly string[]).includes(value);
}

/**
 * How the contact went, in the coordination engine's words (its existing outcome paths):
 * `responded` re-plans around a household that answered; `undelivered` moves the plan to the next
 * channel; `refused` starts the playbook's pause; `npai` marks the address invalid; `delivered`
 * and `sent` only keep history.
 */
export type ContactVerdict = 'responded' | 'undelivered' | 'refused' | 'npai' | 'delivered' | 'sent';

export interface OutcomeEffect {
  /** `retry`: another attempt of the same task later (within the caps); `done`: the task completes. */
  next: 'retry' | 'done';
  /** Whether this attempt counts against the attempts cap (every attempt that reached the door or the line). */
  countsAsAttempt: boolean;
  /** What the engine learns when the task is done this way. */
  verdict: ContactVerdict;
  /** Which contact point proved wrong, if any. */
  invalidates: 'phone' | 'address' | null;
  /** The household asked not to be contacted: the playbook's pause after a refusal starts. */
  refusal: boolean;
}

const EFFECTS: Record<TaskOutcome, OutcomeEffect> = {
  reached: { next: 'done', countsAsAttempt: true, verdict: 'responded', invalidates: null, refusal: false },
  met: { next: 'done', countsAsAttempt: true, verdict: 'responded', invalidates: null, refusal: false },
  callback_requested: { next: 'retry', countsAsAttempt: true, verdict: 'responded', invalidates: null, refusal: false },
  no_answer: { next: 'retry', countsAsAttempt: true, verdict: 'undelivered', invalidates: null, refusal: false },
  voicemail: { next: 'retry', countsAsAttempt: true, verdict: 'delivered', invalidates: null, refusal: false },
  wrong_number: { next: 'done', countsAsAttempt: true, verdict: 'undelivered', invalidates: 'phone', refusal: false },
  refused: { next: 'done', countsAsAttempt: true, verdict: 'refused', invalidates: null, refusal: true },
  // A visit is not repeated by the task: the playbook's sequence holds the next visit and the reminder.
  absent: { next: 'done', countsAsAttempt: true, verdict: 'sent', invalidates: null, refusal: false },
  moved: { next: 'done', countsAsAttempt: true, verdict: 'npai', invalidates: 'address', refusal: false },
  note_left: { next: 'done', countsAsAttempt: true, verdict: 'delivered', invalidates: null, refusal: false },
};

export function effectOf(outcome: TaskOutcome): OutcomeEffect {
  return EFFECTS[outcome];
}
