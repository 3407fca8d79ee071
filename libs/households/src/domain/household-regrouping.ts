/**
 * Keeps Unisson's households in step with household matching. After a territory is re-linked (or
 * a human confirms, merges or splits records), each record's matching group may differ from the
 * household it sits in. This decides the moves. Pure: no database.
 *
 * - Each matching group lives in one household: the one already holding most of its records
 *   (ties: the household of the group's key record, then the smallest id), unless another group
 *   already claimed it; a group with no free household gets a new one.
 * - A household left without records hands its procedures to the household that received the
 *   most of its records (a merge); a household that keeps records keeps its procedures (a split
 *   sends the split-off records elsewhere, with nothing of the old procedure: a false merge is
 *   worse than a missed one).
 */
export interface RecordPlacement {
  recordId: string;
  /** Household matching's group (the key record's id). */
  groupKey: string;
  householdId: string;
}

export interface RegroupingPlan {
  /** Records to move; `toHousehold` is an existing id or `new:<groupKey>` for a household to create. */
  recordMoves: Array<{ recordId: string; fromHousehold: string; toHousehold: string }>;
  /** Households emptied by a merge: their procedures (and contact plans) go to `into`. */
  mergedHouseholds: Array<{ householdId: string; into: string }>;
  /** Groups that need a new household (split-off records). */
  newHouseholds: string[];
  /** Every household whose records changed: their contact plans must be re-planned. */
  touchedHouseholds: string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planRegrouping(placements: readonly RecordPlacement[]): RegroupingPlan {
  const groups = new Map<string, RecordPlacement[]>();
  for (const p of placements) groups.set(p.groupKey, [...(groups.get(p.groupKey) ?? []), p]);
  const claimed = new Map<string, string>(); // household -> group
  const targetOf = new Map<string, string>(); // group -> household or new:<group>
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || byId(a[0], b[0]));
  for (const [groupKey, members] of ordered) {
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.householdId, (counts.get(m.householdId) ?? 0) + 1);
    const keyHousehold = members.find((m) => m.recordId === groupKey)?.householdId;
    const candidates = [...counts.entries()]
      .filter(([household]) => !claimed.has(household))
      .sort((a, b) => b[1] - a[1] || Number(b[0] === keyHousehold) - Number(a[0] === keyHousehold) || byId(a[0], b[0]));
    const target = candidates[0]?.[0] ?? `new:${groupKey}`;
    if (candidates[0]) claimed.set(target, groupKey);
    targetOf.set(groupKey, target);
  }

  const recordMoves = placements
    .filter((p) => targetOf.get(p.groupKey) !== p.householdId)
    .map((p) => ({ recordId: p.recordId, fromHousehold: p.householdId, toHousehold: targetOf.get(p.groupKey)! }))
    .sort((a, b) => byId(a.recordId, b.recordId));

  const remaining = new Map<string, number>();
  for (const p of placements)
    if (targetOf.get(p.groupKey) === p.householdId) remaining.set(p.householdId, (remaining.get(p.householdId) ?? 0) + 1);
  const mergedHouseholds: RegroupingPlan['mergedHouseholds'] = [];
  const sources = [...new Set(recordMoves.map((m) => m.fromHousehold))].sort(byId);
  for (const household of sources) {
    if (remaining.has(household)) continue;
    const received = new Map<string, number>();
    for (const m of recordMoves)
      if (m.fromHousehold === household && !m.toHousehold.startsWith('new:'))
        received.set(m.toHousehold, (received.get(m.toHousehold) ?? 0) + 1);
    const into = [...received.entries()].sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))[0]?.[0];
    if (into) mergedHouseholds.push({ householdId: household, into });
  }
  const newHouseholds = [...new Set(recordMoves.filter((m) => m.toHousehold.startsWith('new:')).map((m) => m.toHousehold.slice(4)))].sort(
    byId,
  );
  const touchedHouseholds = [
    ...new Set(recordMoves.flatMap((m) => [m.fromHousehold, m.toHousehold]).filter((h) => !h.startsWith('new:'))),
  ].sort(byId);
  return { recordMoves, mergedHouseholds, newHouseholds, touchedHouseholds };
}
