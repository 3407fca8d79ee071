/**
 * Call-backs the household asked for, in its plan. The engine does not plan them (the household
 * asked, no partner intended them): the tasks capability creates their call task (decision 0031)
 * and tells the plan through `PlanCallbackSource`. Here they become contacts of the plan, and a
 * planned call the household's answer cancelled says the call-back replaces it. Pure.
 */
import type { ContactState } from './contact-state';

/** A call-back task as the plan shows it: identifiers and French sentences, no phone, no script. */
export interface PlanCallback {
  taskId: string;
  /** Task state: pending, reserved, assigned, wrap_up, completed, cancelled. */
  taskState: string;
  /** « Rappel demandé par le ménage (créneau …) ». */
  reason: string;
  /** When the call is due, ISO-8601 (the slot's start). */
  notBefore: string;
  /** The partner whose team makes the call. */
  partnerId: string;
  /** What the caller noted last, in French, if anything. */
  lastOutcomeLabel: string | null;
  cancelReason: string | null;
}

/** Where the plan learns of call-back tasks (the tasks capability; optional: the plan shows none without it). */
export interface PlanCallbackSource {
  callbacksOf(householdId: string): Promise<PlanCallback[]>;
}
export const PLAN_CALLBACKS = Symbol('PLAN_CALLBACKS');

const OPEN = new Set(['pending', 'reserved', 'assigned', 'wrap_up']);

/** The state a partner reads for a call-back task, in the plan's words. */
export function callbackState(callback: PlanCallback): { state: ContactState; stateReason: string } {
  if (callback.taskState === 'cancelled') return { state: 'cancelled', stateReason: callback.cancelReason ?? 'Annulé.' };
  if (callback.taskState === 'completed')
    return { state: 'delivered', stateReason: `Rappel fait${callback.lastOutcomeLabel ? ` : ${callback.lastOutcomeLabel}` : ''}.` };
  return {
    state: 'sent',
    stateReason: `Tâche d’appel confiée à l’équipe${callback.lastOutcomeLabel ? ` (dernier essai : ${callback.lastOutcomeLabel})` : ''}.`,
  };
}

interface ShownContact {
  key: string;
  channel: string;
  onlyIfNoResponse: boolean;
  state: ContactState;
  stateReason: string;
}

/**
 * A call "only if no response" the plan cancelled because the household answered, while its
 * call-back is open: the call is not dropped, the call-back task replaces it (its state says so).
 */
export function replacedByCallback<T extends ShownContact>(contacts: readonly T[], callbacks: readonly PlanCallback[]): T[] {
  const open = callbacks.find((c) => OPEN.has(c.taskState));
  if (!open) return [...contacts];
  return contacts.map((c) =>
    c.channel === 'call' && c.onlyIfNoResponse && c.state === 'cancelled'
      ? { ...c, stateReason: `Remplacé par le rappel demandé par le ménage : ${open.reason}.` }
      : c,
  );
}
