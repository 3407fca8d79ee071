/**
 * What the planner knows about one household at one instant, precomputed once per plan:
 * local calendar, procedure anchors, history facts and opt-outs.
 */
import { DAY_MS, isoDateOfDay, timeZoneOfPostalCode, zoneClock } from './calendar';
import type { Playbook, PurposeDefinition } from './playbook.schema';
import { CalendarContext, applicableDelay, shiftInstant } from './send-window';
import type {
  Channel,
  ContactHistoryEntry,
  ContactIntent,
  HouseholdEvent,
  HouseholdState,
  OptOut,
  ProcedureState,
  TraceEntry,
} from './types';

/** Everything `planContacts` needs; plain data, the clock included. */
export interface PlanningInput {
  household: HouseholdState;
  procedure: ProcedureState;
  intents: readonly ContactIntent[];
  playbook: Playbook;
  history: readonly ContactHistoryEntry[];
  optOuts: readonly OptOut[];
  events: readonly HouseholdEvent[];
  /** The planning instant (ISO-8601). */
  now: string;
}

export interface PlanningContext {
  input: PlanningInput;
  calendar: CalendarContext;
  timeZone: string;
  nowMs: number;
  today: string;
  stageEnteredMs: number;
  purposes: ReadonlyMap<string, PurposeDefinition>;
  addressValid: boolean;
  respondedInStage: boolean;
  lastCallRefusalMs: number | null;
  trace: TraceEntry[];
}

const purposeMaps = new WeakMap<Playbook, Map<string, PurposeDefinition>>();

export function purposesOf(playbook: Playbook): ReadonlyMap<string, PurposeDefinition> {
  let map = purposeMaps.get(playbook);
  if (!map) {
    map = new Map(playbook.purposes.map((p) => [p.id, p]));
    purposeMaps.set(playbook, map);
  }
  return map;
}

export function buildContext(input: PlanningInput): PlanningContext {
  const { household, procedure, playbook } = input;
  const timeZone = timeZoneOfPostalCode(household.postalCode, playbook.timeZone);
  const calendar: CalendarContext = { clock: zoneClock(timeZone), alsaceMoselle: playbook.holidays.alsaceMoselle };
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new Error(`Horloge invalide "${input.now}" : fournir un instant ISO-8601`);
  const stageEnteredMs = Date.parse(procedure.stageEnteredAt);
  if (Number.isNaN(stageEnteredMs)) {
    throw new Error(`Date d'entrée dans l'étape invalide "${procedure.stageEnteredAt}" : fournir un instant ISO-8601`);
  }
  let addressValid = household.postalAddressValid;
  let respondedInStage = false;
  let lastCallRefusalMs: number | null = null;
  for (const entry of input.history) {
    const at = Date.parse(entry.at);
    if (entry.channel === 'letter' && entry.outcome === 'npai') addressValid = false;
    if (entry.outcome === 'responded' && entry.stage === procedure.stage && at >= stageEnteredMs) respondedInStage = true;
    if (entry.channel === 'call' && entry.outcome === 'refused' && (lastCallRefusalMs === null || at > lastCallRefusalMs)) {
      lastCallRefusalMs = at;
    }
  }
  for (const event of input.events) {
    const at = Date.parse(event.at);
    if (event.type === 'householdResponded' && at >= stageEnteredMs && at <= nowMs) respondedInStage = true;
  }
  return {
    input,
    calendar,
    timeZone,
    nowMs,
    today: isoDateOfDay(calendar.clock.localDay(nowMs)),
    stageEnteredMs,
    purposes: purposesOf(playbook),
    addressValid,
    respondedInStage,
    lastCallRefusalMs,
    trace: [],
  };
}

/** Instant of a procedure date; civil dates count from 09:00 local time. */
function procedureDateMs(ctx: PlanningContext, name: string): number | null {
  if (name === 'stageEnteredAt') return ctx.stageEnteredMs;
  const value = ctx.input.procedure.dates[name];
  if (!value) return null;
  if (value.length === 10) {
    const [y, m, d] = value.split('-').map(Number);
    return ctx.calendar.clock.at(Math.floor(Date.UTC(y, m - 1, d) / DAY_MS), 9 * 60);
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Resolves a playbook anchor (a procedure date, possibly moved by a dated legal delay). */
export function anchorMs(ctx: PlanningContext, anchorId: string): number | null {
  const anchor = ctx.input.playbook.anchors.find((a) => a.id === anchorId);
  if (!anchor) return procedureDateMs(ctx, anchorId);
  const base = procedureDateMs(ctx, anchor.from);
  if (base === null) return null;
  const referenceDate = isoDateOfDay(ctx.calendar.clock.localDay(base));
  const delay = applicableDelay(ctx.input.playbook.legalDelays, anchor.delay, referenceDate, {
    leaseSignedOn: ctx.input.procedure.leaseSignedOn,
    landlordKind: ctx.input.procedure.landlordKind,
  });
  if (!delay) return null;
  const sign = anchor.direction === 'after' ? 1 : -1;
  return shiftInstant(base, { amount: sign * delay.amount, unit: delay.unit }, ctx.calendar);
}

/** Whether the household opted out of a channel for this partner (or for everyone). */
export function optedOut(optOuts: readonly OptOut[], channel: Channel, partnerId: string): boolean {
  return optOuts.some((o) => o.channel === channel && (o.partnerId === null || o.partnerId === partnerId));
}

/** How many times a channel was already tried for these purposes at this stage (whatever the outcome). */
export function timesDone(history: readonly ContactHistoryEntry[], purposes: readonly string[], stage: string, channel: Channel): number {
  let count = 0;
  for (const entry of history) {
    if (entry.channel === channel && entry.stage === stage && purposes.includes(entry.purpose)) count += 1;
  }
  return count;
}

export function channelUndelivered(
  history: readonly ContactHistoryEntry[],
  purposes: readonly string[],
  stage: string,
  channel: Channel,
): boolean {
  return history.some((e) => e.channel === channel && e.stage === stage && e.outcome === 'undelivered' && purposes.includes(e.purpose));
}
