/**
 * The life of a call or visit task, modelled on Twilio TaskRouter (pending → reserved → assigned
 * → wrapping → completed, or cancelled; a reservation that times out goes back to pending) and on
 * CiviCRM's call campaigns (an interviewer reserves respondents up to a cap, works or releases them).
 *
 *   pending ──claim──► reserved ──start──► assigned ──outcome──► wrap_up ──complete──► completed
 *      ▲                 │  │                 │  │                   │
 *      └──── release / timeout ◄──────────────┘  └──outcome──────────┤ (another attempt later)
 *      ▲                                                             │
 *      └──────────────────────── retry ──────────────────────────────┘
 *   pending | reserved | assigned ──cancel (the plan no longer needs it)──► cancelled
 *
 * Pure: a transition is a function of the task's state, the event and the instant.
 */

export const TASK_STATES = ['pending', 'reserved', 'assigned', 'wrap_up', 'completed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The states in which a task still waits for someone: they count in worklists and benchmarks. */
export const OPEN_STATES: readonly TaskState[] = ['pending', 'reserved', 'assigned', 'wrap_up'];
/** The states in which a caller holds the household (the cap counts them). */
export const HELD_STATES: readonly TaskState[] = ['reserved', 'assigned', 'wrap_up'];

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  pending: 'à traiter',
  reserved: 'réservée',
  assigned: 'en cours',
  wrap_up: 'à clore',
  completed: 'terminée',
  cancelled: 'annulée',
};

export type TaskEvent =
  | { type: 'claim'; agent: string; at: number; reservationMs: number }
  | { type: 'start'; agent: string; at: number }
  | { type: 'release'; agent: string; at: number }
  | { type: 'expire'; at: number }
  | { type: 'outcome'; agent: string; at: number }
  | { type: 'retry'; at: number; notBefore: number }
  | { type: 'complete'; agent: string | null; at: number }
  | { type: 'cancel'; at: number; reason: string };

/** What the life of a task needs to know of it. */
export interface TaskLife {
  state: TaskState;
  /** Who holds it (an account or an API key: `account:<id>`, `key:<id>`), while reserved to wrap-up. */
  agent: string | null;
  /** Epoch ms at which a reservation hands the task back. */
  reservedUntil: number | null;
  /** Epoch ms before which the task is not to be worked (next attempt, call-back time). */
  notBefore: number;
  cancelReason: string | null;
}

export type Transition = { ok: true; next: TaskLife } | { ok: false; code: TaskRefusal; message: string };
export type TaskRefusal = 'not_claimable' | 'not_yours' | 'wrong_state' | 'reservation_expired' | 'not_due';

const refuse = (code: TaskRefusal, message: string): Transition => ({ ok: false, code, message });

/** A reservation whose time ran out is, for every purpose, back to pending. */
export function effectiveState(task: TaskLife, at: number): TaskState {
  return task.state === 'reserved' && task.reservedUntil !== null && task.reservedUntil <= at ? 'pending' : task.state;
}

export function transition(task: TaskLife, event: TaskEvent): Transition {
  const state = effectiveState(task, event.at);
  const holds = (agent: string) => task.agent === agent;
  switch (event.type) {
    case 'claim':
      if (state !== 'pending') return refuse('not_claimable', 'Cette tâche est déjà prise par quelqu’un d’autre, ou terminée.');
      if (task.notBefore > event.at) return refuse('not_due', 'Cette tâche n’est pas encore à traiter (prochain essai prévu plus tard).');
      return ok({ ...task, state: 'reserved', agent: event.agent, reservedUntil: event.at + event.reservationMs });
    case 'start':
      if (state === 'pending' && task.state === 'reserved' && holds(event.agent)) {
        return refuse('reservation_expired', 'Votre réservation a expiré : reprenez la tâche si elle est encore libre.');
      }
      if (state !== 'reserved') return refuse('wrong_state', 'Seule une tâche réservée peut être commencée.');
      if (!holds(event.agent)) return refuse('not_yours', 'Cette tâche est réservée par quelqu’un d’autre.');
      return ok({ ...task, state: 'assigned', reservedUntil: null });
    case 'release':
      if (state !== 'reserved' && state !== 'assigned')
        return refuse('wrong_state', 'Seule une tâche réservée ou en cours peut être rendue.');
      if (!holds(event.agent)) return refuse('not_yours', 'Cette tâche est tenue par quelqu’un d’autre.');
      return ok({ ...task, state: 'pending', agent: null, reservedUntil: null });
    case 'expire':
      if (task.state !== 'reserved' || state !== 'pending') return refuse('wrong_state', 'Aucune réservation expirée.');
      return ok({ ...task, state: 'pending', agent: null, reservedUntil: null });
    case 'outcome':
      if (state === 'pending' && task.state === 'reserved' && holds(event.agent)) {
        return refuse('reservation_expired', 'Votre réservation a expiré : reprenez la tâche si elle est encore libre.');
      }
      if (state !== 'reserved' && state !== 'assigned') return refuse('wrong_state', 'Réservez la tâche avant d’en noter le résultat.');
      if (!holds(event.agent)) return refuse('not_yours', 'Cette tâche est tenue par quelqu’un d’autre.');
      return ok({ ...task, state: 'wrap_up', reservedUntil: null });
    case 'retry':
      if (state !== 'wrap_up') return refuse('wrong_state', 'Seule une tâche à clore peut être reprogrammée.');
      return ok({ ...task, state: 'pending', agent: null, reservedUntil: null, notBefore: event.notBefore });
    case 'complete':
      if (state !== 'wrap_up') return refuse('wrong_state', 'Notez d’abord le résultat de l’appel ou de la visite.');
      if (event.agent !== null && !holds(event.agent)) return refuse('not_yours', 'Cette tâche est tenue par quelqu’un d’autre.');
      return ok({ ...task, state: 'completed', reservedUntil: null });
    case 'cancel':
      if (state === 'completed' || state === 'cancelled' || state === 'wrap_up') {
        return refuse('wrong_state', 'Une tâche terminée, annulée ou dont le résultat est noté ne s’annule plus.');
      }
      return ok({ ...task, state: 'cancelled', agent: null, reservedUntil: null, cancelReason: event.reason });
  }
}

function ok(next: TaskLife): Transition {
  return { ok: true, next };
}

/**
 * The cap on households one caller holds at once (CiviCampaign's reservation cap): a caller
 * holding `held` distinct households may take one more household only below the cap. Several
 * tasks of a household already held do not count twice.
 */
export function mayHoldAnother(heldHouseholds: ReadonlySet<string>, householdId: string, cap: number): boolean {
  return heldHouseholds.has(householdId) || heldHouseholds.size < cap;
}
