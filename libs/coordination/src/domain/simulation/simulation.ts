/**
 * "Every partner sends its own" versus "Unisson", over generated households and the whole
 * procedure. The Unisson side re-plans after every contact and every answer, as the executor
 * does, and checks each contact it sends against an independent clock (luxon).
 */
import { DateTime } from 'luxon';
import { publicHolidays } from '../calendar';
import { planContacts } from '../contact-planner';
import type { Playbook } from '../playbook.schema';
import {
  PARTNER_KINDS,
  type ContactHistoryEntry,
  type ContactIntent,
  type HouseholdEvent,
  type PartnerInPlan,
  type PlannedContact,
} from '../types';
import { type ContactChannel, type ProcedureStage } from '@unisson/vocabulary';
import { SimulatedHousehold, procedureAtStage, seededRandom } from './household-generator';
import { PartnerWish, partnerWishes } from './partner-wishes';

export type ChannelCounts = Partial<Record<ContactChannel, number>>;

export interface StageTally {
  householdId: string;
  stage: ProcedureStage;
  baseline: ChannelCounts;
  unisson: ChannelCounts;
  baselineNonLegalLetters: number;
  unissonNonLegalLetters: number;
}

export interface SimulationTotals {
  tallies: StageTally[];
  baselineContradictions: number;
  unissonContradictions: number;
  legalActsSuppressed: number;
  legalIntents: number;
  contactsOutsideAllowedHours: number;
  plansComputed: number;
}

const RESPONSE = { reactive: 0.45, other: 0.03 };

function add(counts: ChannelCounts, channel: ContactChannel, n = 1): void {
  counts[channel] = (counts[channel] ?? 0) + n;
}

function reachable(h: SimulatedHousehold, channel: ContactChannel): boolean {
  if (channel === 'sms' || channel === 'call' || channel === 'voice') return h.hasMobilePhone;
  if (channel === 'email') return h.hasEmail;
  return true;
}

function mergeGroupOf(playbook: Playbook, purpose: string): string {
  return playbook.purposes.find((p) => p.id === purpose)?.mergeGroup ?? purpose;
}

/** Today: each partner sends its own messages and its own reminders. */
function baselineStage(h: SimulatedHousehold, wishes: PartnerWish[], rand: () => number, playbook: Playbook) {
  const counts: ChannelCounts = {};
  let nonLegalLetters = 0;
  for (const w of wishes) {
    let answered = false;
    for (const channel of w.ownChannels.filter((c) => reachable(h, c))) {
      add(counts, channel);
      if (channel === 'letter' && !w.legal) nonLegalLetters += 1;
      if (!answered && rand() < (h.reactive ? RESPONSE.reactive : RESPONSE.other)) answered = true;
    }
    if (w.remindsByLetter && !answered && !h.reactive) {
      add(counts, 'letter');
      nonLegalLetters += 1;
    }
  }
  const partnersByGroup = new Map<string, Set<string>>();
  for (const w of wishes) {
    const group = mergeGroupOf(playbook, w.purpose);
    const set = partnersByGroup.get(group) ?? new Set<string>();
    set.add(w.partnerKind);
    partnersByGroup.set(group, set);
  }
  const contradictions = [...partnersByGroup.values()].reduce((sum, s) => sum + Math.max(0, s.size - 1), 0);
  return { counts, nonLegalLetters, contradictions };
}

function outsideAllowedHours(at: string, zone: string, territory: string, playbook: Playbook, channel: ContactChannel): boolean {
  const hours = playbook.contactHours[channel];
  if (!hours) return false;
  const local = DateTime.fromISO(at, { zone });
  const weekday = local.weekday % 7;
  if (!hours.days.includes(weekday)) return true;
  const holidays = publicHolidays(local.year, territory).map((d) => d.date);
  if (!hours.allowPublicHolidays && holidays.includes(local.toISODate() ?? '')) return true;
  const minute = local.hour * 60 + local.minute;
  return !hours.ranges.some((r) => {
    const from = Number(r.from.slice(0, 2)) * 60 + Number(r.from.slice(3));
    const to = Number(r.to.slice(0, 2)) * 60 + Number(r.to.slice(3));
    return minute >= from && minute < to;
  });
}

interface UnissonState {
  history: ContactHistoryEntry[];
  addressValid: boolean;
}

/** With Unisson: intents -> plan -> send the next contact -> record the outcome -> re-plan. */
function unissonStage(
  h: SimulatedHousehold,
  stage: { stage: ProcedureStage; at: string },
  endMs: number,
  intents: ContactIntent[],
  playbook: Playbook,
  state: UnissonState,
  rand: () => number,
  totals: SimulationTotals,
  onContact: (sent: SimulatedContact) => void,
) {
  const counts: ChannelCounts = {};
  let nonLegalLetters = 0;
  const events: HouseholdEvent[] = [];
  const sentLegal = new Set<string>();
  let now = stage.at;
  for (let guard = 0; guard < 40; guard += 1) {
    const plan = planContacts({
      household: {
        id: h.id,
        postalCode: h.postalCode,
        hasMobilePhone: h.hasMobilePhone,
        hasEmail: h.hasEmail,
        postalAddressValid: state.addressValid,
      },
      procedure: procedureAtStage(h, stage),
      intents,
      playbook,
      history: state.history,
      optOuts: [],
      events,
      partners: partnersOf(h.territory),
      now,
    });
    totals.plansComputed += 1;
    if (guard === 0) {
      const phonesByGroup = new Map<string, Set<string>>();
      for (const c of plan.contacts) {
        const group = c.key.split('.').slice(1, 3).join('.');
        const set = phonesByGroup.get(group) ?? new Set<string>();
        if (c.callbackPhone) set.add(c.callbackPhone);
        phonesByGroup.set(group, set);
      }
      totals.unissonContradictions += [...phonesByGroup.values()].reduce((s, p) => s + Math.max(0, p.size - 1), 0);
    }
    const next = plan.contacts.find((c) => c.legal || Date.parse(c.window.notBefore) < endMs);
    if (!next) break;
    const at = Date.parse(next.window.notBefore);
    if (
      (next.channel === 'sms' || next.channel === 'call') &&
      outsideAllowedHours(next.window.notBefore, plan.timeZone, h.territory, playbook, next.channel)
    ) {
      totals.contactsOutsideAllowedHours += 1;
    }
    add(counts, next.channel);
    onContact({ household: h, stage, contact: next });
    if (next.channel === 'letter' && !next.legal) nonLegalLetters += 1;
    if (next.legal) next.absorbedIntentIds.forEach((id) => sentLegal.add(id));
    let outcome: ContactHistoryEntry['outcome'] = 'delivered';
    if (next.channel === 'letter' && h.addressInvalid) {
      outcome = 'npai';
      state.addressValid = false;
    } else if (next.channel !== 'servedAct' && rand() < (h.reactive ? RESPONSE.reactive : RESPONSE.other)) {
      outcome = 'responded';
      events.push({ type: 'householdResponded', at: next.window.notBefore });
    }
    state.history.push({
      channel: next.channel,
      purpose: next.purpose,
      stage: stage.stage,
      at: next.window.notBefore,
      outcome,
      legal: next.legal,
      purposes: next.purposes,
      key: next.key,
    });
    now = new Date(at + 60_000).toISOString();
  }
  const legal = intents.filter((i) => i.legal);
  totals.legalIntents += legal.length;
  totals.legalActsSuppressed += legal.filter((i) => !sentLegal.has(i.id)).length;
  return { counts, nonLegalLetters };
}

const directories = new Map<string, PartnerInPlan[]>();

/** One partner of each kind in the simulated territory. */
function partnersOf(territory: string): PartnerInPlan[] {
  let partners = directories.get(territory);
  if (!partners) {
    partners = PARTNER_KINDS.map((kind) => ({ id: `${kind}-${territory}`, name: `${kind} ${territory}`, kind }));
    directories.set(territory, partners);
  }
  return partners;
}

function intentsOf(h: SimulatedHousehold, stage: { stage: ProcedureStage; at: string }, wishes: PartnerWish[]): ContactIntent[] {
  return wishes.map((w, i) => ({
    id: `${h.id}-${stage.stage}-${i}`,
    partnerId: `${w.partnerKind}-${h.territory}`,
    partnerKind: w.partnerKind,
    stage: stage.stage,
    purpose: w.purpose,
    legal: w.legal,
    deadline: null,
    callbackPhone: `+3314000${String(w.partnerKind.length).padStart(2, '0')}${i}`,
    createdAt: stage.at,
  }));
}

/** A contact the simulated Unisson sends, for a later step (the wording step of simulate:wording). */
export interface SimulatedContact {
  household: SimulatedHousehold;
  stage: { stage: ProcedureStage; at: string };
  contact: PlannedContact;
}

export function runSimulation(
  households: readonly SimulatedHousehold[],
  playbookOf: (territory: string) => Playbook,
  onProgress: (done: number) => void = () => undefined,
  seed = 7,
  onContact: (sent: SimulatedContact) => void = () => undefined,
): SimulationTotals {
  const rand = seededRandom(seed);
  const totals: SimulationTotals = {
    tallies: [],
    baselineContradictions: 0,
    unissonContradictions: 0,
    legalActsSuppressed: 0,
    legalIntents: 0,
    contactsOutsideAllowedHours: 0,
    plansComputed: 0,
  };
  households.forEach((h, index) => {
    const playbook = playbookOf(h.territory);
    const state: UnissonState = { history: [], addressValid: true };
    h.path.forEach((stage, i) => {
      const endMs = i + 1 < h.path.length ? Date.parse(h.path[i + 1].at) : Date.parse(stage.at) + 120 * 86_400_000;
      const wishes = partnerWishes(h, stage.stage, rand);
      const baseline = baselineStage(h, wishes, rand, playbook);
      totals.baselineContradictions += baseline.contradictions;
      const unisson = unissonStage(h, stage, endMs, intentsOf(h, stage, wishes), playbook, state, rand, totals, onContact);
      totals.tallies.push({
        householdId: h.id,
        stage: stage.stage,
        baseline: baseline.counts,
        unisson: unisson.counts,
        baselineNonLegalLetters: baseline.nonLegalLetters,
        unissonNonLegalLetters: unisson.nonLegalLetters,
      });
    });
    if ((index + 1) % 500 === 0 || index + 1 === households.length) onProgress(index + 1);
  });
  return totals;
}
