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

export interface PlanCost {
  sms: { messages: number; parts: number; euros: number };
  letters: number;
  emails: number;
  calls: { tasks: number; minutes: number };
  homeVisits: number;
  servedActs: number;
  /** Contacts whose purpose no template words (they would not be sent). */
  unworded: number;
}

export function emptyPlanCost(): PlanCost {
  return {
    sms: { messages: 0, parts: 0, euros: 0 },
    letters: 0,
    emails: 0,
    calls: { tasks: 0, minutes: 0 },
    homeVisits: 0,
    servedActs: 0,
    unworded: 0,
  };
}

/** Minutes a call takes: its script read at a speaking pace, plus dialling and notes. */
export function callMinutes(script: string): number {
  const words = script.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.round((words / WORDS_PER_MINUTE + CALL_OVERHEAD_MINUTES) * 10) / 10;
}

/**
 * Sums the cost of counted contacts. `unitCost(templateKey, locale)` gives the SMS parts and call
 * minutes of one contact of a template (the library renders them); `smsPricePerPart` in euros.
 */
export function planCost(
  counts: readonly PlannedContactCount[],
  templateOf: (purpose: string) => TemplateDefinition | undefined,
  unitCost: (templateKey: TemplateKey, locale: Locale) => UnitCost,
  smsPricePerPart: number,
  locale: Locale = 'fr',
): PlanCost {
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
    const unit = unitCost(def.key, locale);
    if (channel === 'sms') {
      cost.sms.messages += count;
      cost.sms.parts += count * unit.smsParts;
    } else if (channel === 'letter') cost.letters += count;
    else if (channel === 'email') cost.emails += count;
    else if (channel === 'call') {
      cost.calls.tasks += count;
      cost.calls.minutes += count * unit.callMinutes;
    } else if (channel === 'homeVisit') cost.homeVisits += count;
  }
  cost.sms.euros = Math.round(cost.sms.parts * smsPricePerPart * 100) / 100;
  cost.calls.minutes = Math.round(cost.calls.minutes);
  return cost;
}
