/**
 * A household asked to be called back (its response page, the voice menu's "1"): the slots it
 * may choose are the playbook's call hours (one definition: `contactHours.call`), the task is due
 * in the slot chosen, in the household's time zone, and one household has at most one open
 * call-back task (a second request updates it). Pure.
 */
import type { WeeklyWindow } from '@unisson/coordination';
import { describeDueWindow, dueWindow, type DueWindow } from './due-window';
import type { TaskState } from './task-life';

/** "As soon as the call hours allow": what the voice menu asks for, and the page's first choice. */
export const SOONEST_SLOT = 'soonest';

/** The purpose a call-back task carries (no playbook purpose: the household asked, nobody planned it). */
export const CALLBACK_PURPOSE = 'rappelDemande';

export interface CallbackSlot {
  /** `soonest`, or a range of the call hours, `HH:MM-HH:MM` (local time of the household). */
  id: string;
  /** Days of the week (0 = Sunday) the slot exists on: the call hours' days. */
  days: readonly number[];
  from: string | null;
  to: string | null;
}

/** The slots a household may choose: as soon as possible, then each range of the call hours. None without call hours. */
export function callbackSlotsOf(hours: WeeklyWindow | undefined): CallbackSlot[] {
  if (!hours || !hours.days.length || !hours.ranges.length) return [];
  const ranges = [...hours.ranges].sort((a, b) => a.from.localeCompare(b.from));
  return [
    { id: SOONEST_SLOT, days: hours.days, from: null, to: null },
    ...ranges.map((r) => ({ id: `${r.from}-${r.to}`, days: hours.days, from: r.from, to: r.to })),
  ];
}

/**
 * When the call asked for in a slot may be made: the first stretch of that slot at or after
 * `now`, on a day of the call hours that is not a public holiday of the household's territory,
 * in its time zone. Null for a slot the call hours do not have.
 */
export function callbackWindow(slotId: string, now: number, hours: WeeklyWindow | undefined, timeZone: string, territory: string) {
  const slot = callbackSlotsOf(hours).find((s) => s.id === slotId);
  if (!slot || !hours) return null;
  const within: WeeklyWindow = slot.from === null ? hours : { ...hours, ranges: [{ from: slot.from, to: slot.to! }] };
  const window = dueWindow(now, within, timeZone, territory);
  return window.from === null ? null : (window as { from: number; until: number | null });
}

/** The slot as the plan and the worklist say it: « dès que possible » or « de 10:00 à 13:00 ». */
export function callbackSlotLabel(slotId: string): string {
  if (slotId === SOONEST_SLOT) return 'dès que possible';
  const [from, to] = slotId.split('-');
  return `de ${from} à ${to}`;
}

/** The French reason a partner reads in the plan and the worklist. */
export function callbackReason(slotId: string, window: DueWindow, timeZone: string): string {
  return `Rappel demandé par le ménage (créneau ${callbackSlotLabel(slotId)} : ${describeDueWindow(window, timeZone)})`;
}

/** The open call-back task of the household, as the decision needs it. */
export interface OpenCallback {
  state: TaskState;
  slot: string;
  notBefore: number;
}

export type CallbackDecision =
  { kind: 'create' } | { kind: 'keep'; why: 'sameSlot' | 'beingWorked' } | { kind: 'move'; slot: string; notBefore: number };

/**
 * A new request, against the open call-back task if any: none, create one; the same slot (a
 * double submit, the voice menu and the page both), keep it; another slot, move the task there,
 * unless a caller holds it (reserved, on the line or writing the outcome: the call is happening).
 */
export function callbackDecision(open: OpenCallback | null, slot: string, window: { from: number }): CallbackDecision {
  if (!open) return { kind: 'create' };
  if (open.slot === slot) return { kind: 'keep', why: 'sameSlot' };
  if (open.state !== 'pending') return { kind: 'keep', why: 'beingWorked' };
  return { kind: 'move', slot, notBefore: window.from };
}
