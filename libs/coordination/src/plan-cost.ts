/**
 * What a plan's contacts cost the partners who make them (SMS parts, postage, call minutes, visits).
 * Coordination plans contacts but does not word them: the template library knows how many SMS
 * parts and call minutes a contact takes, letters its postage class. The app provides the estimator
 * (apps/api, from those libraries); without one, the plan answers `cost: null`.
 */
export interface PlanContactCount {
  purpose: string;
  channel: string;
  count: number;
}

export abstract class PlanCostEstimator {
  /** The cost of these contacts, as the template library counts it (see `PlanCost` in @unisson/templates). */
  abstract estimate(contacts: readonly PlanContactCount[]): object;
}

/** The contacts a plan still makes or made (a cancelled contact costs nothing), by purpose and channel. */
export function countPlanContacts(contacts: ReadonlyArray<{ purpose: string; channel: string; status: string }>): PlanContactCount[] {
  const counts = new Map<string, PlanContactCount>();
  for (const c of contacts) {
    if (c.status === 'cancelled') continue;
    const id = `${c.purpose}|${c.channel}`;
    const entry = counts.get(id) ?? counts.set(id, { purpose: c.purpose, channel: c.channel, count: 0 }).get(id)!;
    entry.count++;
  }
  return [...counts.values()];
}
