/**
 * What the planner knows about one household at one instant, precomputed once per plan:
 * local calendar, procedure anchors, history facts, opt-outs and the conditions purposes need.
 */
import { departementOfPostalCode, isDepartement, type ContactChannel } from '@unisson/vocabulary';
import { CafArrearsDecision, cafArrearsDecision } from './caf-arrears';
import { dayOfIsoDate, isoDateOfDay, timeZoneOfPostalCode, zoneClock } from './calendar';
import type { Playbook, PurposeCondition, PurposeDefinition } from './playbook.schema';
import { CalendarContext, applicableDelay, shiftInstant, winterTruceEnd } from './send-window';
import type {
  ContactHistoryEntry,
  ContactIntent,
  HouseholdEvent,
  HouseholdState,
  OptOut,
  PartnerInPlan,
  ProcedureState,
  TraceEntry,
  Withdrawal,
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
  /** The partners of the territory and of the intents, to name them in the trace and pick the visiting service. */
  partners: readonly PartnerInPlan[];
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
  /** The stage's legal event, 09:00 local time on its date. */
  stageEventMs: number;
  purposes: ReadonlyMap<string, PurposeDefinition>;
  addressValid: boolean;
  /** A letter of this stage came back NPAI. */
  letterReturned: boolean;
  respondedInStage: boolean;
  lastCallRefusalMs: number | null;
  /** First local day after the winter truce when today is inside it, else null. */
  winterTruceEndDay: number | null;
  trace: TraceEntry[];
  withdrawals: Withdrawal[];
  /** Set when an event in force cancels every non-legal contact: what happened, as the trace says it. */
  nonLegalCancelledBy: string | null;
  cafArrears(): CafArrearsDecision;
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

function parseInstant(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what} invalide "${value}" : fournir un instant ISO-8601`);
  return ms;
}

/** The household's département (its calendar), from its postal code; the playbook's otherwise. */
function territoryOf(input: PlanningInput): string {
  const code = input.household.postalCode;
  const fromPostalCode = code && code.length === 5 ? departementOfPostalCode(code) : null;
  return fromPostalCode && isDepartement(fromPostalCode) ? fromPostalCode : input.playbook.territory;
}

export function buildContext(input: PlanningInput): PlanningContext {
  const { household, procedure, playbook } = input;
  const timeZone = timeZoneOfPostalCode(household.postalCode, playbook.timeZone);
  const calendar: CalendarContext = { clock: zoneClock(timeZone), territory: territoryOf(input) };
  const nowMs = parseInstant(input.now, 'Horloge');
  const stageEnteredMs = parseInstant(procedure.stageEnteredAt, "Date d'entrée dans l'étape");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(procedure.stageEventOn)) {
    throw new Error(`Date de l'événement de l'étape invalide "${procedure.stageEventOn}" : fournir une date AAAA-MM-JJ`);
  }
  const stageEventMs = calendar.clock.at(dayOfIsoDate(procedure.stageEventOn), 9 * 60);
  const markInvalid = playbook.escalation.npai.markAddressInvalid;
  let addressValid = household.postalAddressValid;
  let letterReturned = false;
  let respondedInStage = false;
  let lastCallRefusalMs: number | null = null;
  for (const entry of input.history) {
    const at = Date.parse(entry.at);
    if (entry.channel === 'letter' && entry.outcome === 'npai') {
      if (markInvalid) addressValid = false;
      if (entry.stage === procedure.stage) letterReturned = true;
    }
    if (entry.outcome === 'responded' && entry.stage === procedure.stage && at >= stageEnteredMs) respondedInStage = true;
    if (entry.channel === 'call' && entry.outcome === 'refused' && (lastCallRefusalMs === null || at > lastCallRefusalMs)) {
      lastCallRefusalMs = at;
    }
  }
  for (const event of input.events) {
    const at = Date.parse(event.at);
    if (event.type === 'householdResponded' && at >= stageEnteredMs && at <= nowMs) respondedInStage = true;
  }
  const today = isoDateOfDay(calendar.clock.localDay(nowMs));
  let caf: CafArrearsDecision | null = null;
  return {
    input,
    calendar,
    timeZone,
    nowMs,
    today,
    stageEnteredMs,
    stageEventMs,
    purposes: purposesOf(playbook),
    addressValid,
    letterReturned,
    respondedInStage,
    lastCallRefusalMs,
    winterTruceEndDay: winterTruceEnd(calendar.clock.localDay(nowMs), playbook.winterTruce),
    trace: [],
    withdrawals: [],
    nonLegalCancelledBy: null,
    cafArrears: () => (caf ??= cafArrearsDecision(playbook.cafArrears, procedure.arrears, today)),
  };
}

/** Instant of a procedure date; civil dates count from 09:00 local time. */
function procedureDateMs(ctx: PlanningContext, name: string): number | null {
  if (name === 'stageEnteredAt') return ctx.stageEnteredMs;
  if (name === 'stageEventDate') return ctx.stageEventMs;
  if (name === 'winterTruceEnd') return ctx.winterTruceEndDay === null ? null : ctx.calendar.clock.at(ctx.winterTruceEndDay, 9 * 60);
  const value = ctx.input.procedure.dates[name];
  if (!value) return null;
  if (value.length === 10) return ctx.calendar.clock.at(dayOfIsoDate(value), 9 * 60);
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

/** The conditions of a purpose that do not hold on the planning day, each with its French reason. */
export function unmetConditions(ctx: PlanningContext, purpose: PurposeDefinition): string[] {
  const reasons: string[] = [];
  const check = (condition: PurposeCondition): string | null => {
    switch (condition) {
      case 'cafArrearsConstituted': {
        const decision = ctx.cafArrears();
        return decision.status === 'notConstituted' ? `impayé non constitué au sens de la CAF (${decision.reason})` : null;
      }
      case 'housingBenefit':
        return ctx.input.procedure.arrears.housingBenefit === true
          ? null
          : "le ménage n'est pas connu comme allocataire d'une aide au logement";
      case 'winterTruceDefersEviction':
        return ctx.winterTruceEndDay === null ? "hors trêve hivernale : l'expulsion n'est pas reportée" : null;
      case 'privateLandlord':
        return ctx.input.procedure.landlordKind === 'prive' ? null : "le logement n'est pas loué par un bailleur privé";
    }
  };
  for (const condition of purpose.requires) {
    const reason = check(condition);
    if (reason) reasons.push(reason);
  }
  return reasons;
}

/** Whether the household opted out of a channel for this partner (or for everyone). */
export function optedOut(optOuts: readonly OptOut[], channel: ContactChannel, partnerId: string): boolean {
  return optOuts.some((o) => o.channel === channel && (o.partnerId === null || o.partnerId === partnerId));
}

const carried = (entry: ContactHistoryEntry): readonly string[] => entry.purposes ?? [entry.purpose];

/** History entries of a channel at a stage that carried one of these purposes. */
export function entriesFor(
  history: readonly ContactHistoryEntry[],
  purposes: readonly string[],
  stage: string,
  channel: ContactChannel,
): ContactHistoryEntry[] {
  return history.filter((e) => e.channel === channel && e.stage === stage && carried(e).some((p) => purposes.includes(p)));
}

/** How many times a channel was already tried for these purposes at this stage (whatever the outcome). */
export function timesDone(
  history: readonly ContactHistoryEntry[],
  purposes: readonly string[],
  stage: string,
  channel: ContactChannel,
): number {
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
  channel: ContactChannel,
): boolean {
  return history.some(
    (e) =>
      e.channel === channel && e.stage === stage && (e.outcome === 'undelivered' || e.outcome === 'failed') && purposes.includes(e.purpose),
  );
}
