import type { Locale, TemplateKey } from './catalogue';
import type { TemplateDefinition } from './template-definition';
import { wordingChannel } from './wording-facts';

/**
 * What the contacts of a plan cost the partners who send them: SMS parts (and their price),
 * letters, minutes of calls and home visits: the staff load coordination moves onto partners.
 * Pure: the unit figures come from the rendered templates (`unitCostOf`), counts from the plans.
 */

/** Speaking pace of a call script read aloud, and the time around it (dialling, notes). */
export const WORDS_PER_MINUTE = 130;
export const CALL_OVERHEAD_MINUTES = 3;

export interface UnitCost {
  smsParts: number;
  callMinutes: number;
}

export interface PlannedContactCount {
  purpose: string;
  channel: string;
  count: number;
}

/**
 * The prices and staff times the cost is counted at (templates/budgets.json `prices`): one SMS part,
 * one letter per postage class (La Poste, 20 g), the minutes of a home visit with its journey.
 */
export interface CostPrices {
  smsPerPart: number;
  postage: Readonly<Record<string, number>>;
  visitMinutes: number;
}

export interface PlanCost {
  sms: { messages: number; parts: number; euros: number };
  letters: number;
  /** Letters by postage class (`lettre_simple`, `lettre_suivie`, `lettre_recommandee`) and their postage. */
  postage: Record<string, { letters: number; euros: number }>;
  emails: number;
  calls: { tasks: number; minutes: number };
  homeVisits: number;
  /** Staff time of the visits, journey included. */
  visitMinutes: number;
  servedActs: number;
  /** Contacts whose purpose no template words (they would not be sent). */
  unworded: number;
  /** What partners pay out (SMS and postage), in euros; staff time is in minutes above. */
  euros: number;
}

export function emptyPlanCost(): PlanCost {
  return {
    sms: { messages: 0, parts: 0, euros: 0 },
    letters: 0,
    postage: {},
    emails: 0,
    calls: { tasks: 0, minutes: 0 },
    homeVisits: 0,
    visitMinutes: 0,
    servedActs: 0,
    unworded: 0,
    euros: 0,
  };
}

/** Minutes a call takes: its script read at a speaking pace, plus dialling and notes. */
export function callMinutes(script: string): number {
  const words = script.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.round((words / WORDS_PER_MINUTE + CALL_OVERHEAD_MINUTES) * 10) / 10;
}

export interface PlanCostInputs {
  /** The template wording a purpose (`purposeIndex`). */
  templateOf: (purpose: string) => TemplateDefinition | undefined;
  /** SMS parts and call minutes of one contact of a template in a locale (the library renders them). */
  unitCost: (templateKey: TemplateKey, locale: Locale) => UnitCost;
  prices: CostPrices;
  /** The postage class a letter of this template goes by (letters decides: @unisson/letters `postageClassFor`). */
  postageClassOf?: (templateKey: TemplateKey) => string;
  locale?: Locale;
}

const cents = (euros: number) => Math.round(euros * 100) / 100;

/** Sums the cost of counted contacts: pure over the counts, the library's unit costs and the prices. */
export function planCost(counts: readonly PlannedContactCount[], inputs: PlanCostInputs): PlanCost {
  const { templateOf, unitCost, prices, postageClassOf = () => 'lettre_simple', locale = 'fr' } = inputs;
  const cost = emptyPlanCost();
  for (const { purpose, channel, count } of counts) {
    if (channel === 'servedAct') {
      cost.servedActs += count;
      continue;
    }
    const def = templateOf(purpose);
    const libraryChannel = wordingChannel(channel);
    if (!def || !libraryChannel || !def.channels.includes(libraryChannel)) {
      cost.unworded += count;
      continue;
    }
    if (channel === 'sms') {
      cost.sms.messages += count;
      cost.sms.parts += count * unitCost(def.key, locale).smsParts;
    } else if (channel === 'letter') {
      cost.letters += count;
      const postageClass = postageClassOf(def.key);
      const line = (cost.postage[postageClass] ??= { letters: 0, euros: 0 });
      line.letters += count;
      line.euros += count * (prices.postage[postageClass] ?? 0);
    } else if (channel === 'email') cost.emails += count;
    else if (channel === 'call') {
      cost.calls.tasks += count;
      cost.calls.minutes += count * unitCost(def.key, locale).callMinutes;
    } else if (channel === 'homeVisit') cost.homeVisits += count;
  }
  cost.sms.euros = cents(cost.sms.parts * prices.smsPerPart);
  for (const line of Object.values(cost.postage)) line.euros = cents(line.euros);
  cost.calls.minutes = Math.round(cost.calls.minutes);
  cost.visitMinutes = cost.homeVisits * prices.visitMinutes;
  cost.euros = cents(cost.sms.euros + Object.values(cost.postage).reduce((sum, l) => sum + l.euros, 0));
  return cost;
}
