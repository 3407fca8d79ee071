import { planRegrouping, RecordPlacement } from './household-regrouping';

const at = (recordId: string, groupKey: string, householdId: string): RecordPlacement => ({ recordId, groupKey, householdId });

describe('regrouping households after household matching', () => {
  it('changes nothing when every group already lives in one household of its own', () => {
    const plan = planRegrouping([at('r1', 'r1', 'H1'), at('r2', 'r1', 'H1'), at('r3', 'r3', 'H2')]);
    expect(plan).toEqual({ recordMoves: [], mergedHouseholds: [], newHouseholds: [], touchedHouseholds: [] });
  });

  it("merges the CAF's household into the landlord's when both records turn out to be one family", () => {
    const plan = planRegrouping([at('landlord', 'landlord', 'H1'), at('landlord-spouse', 'landlord', 'H1'), at('caf', 'landlord', 'H2')]);
    expect(plan.recordMoves).toEqual([{ recordId: 'caf', fromHousehold: 'H2', toHousehold: 'H1' }]);
    expect(plan.mergedHouseholds).toEqual([{ householdId: 'H2', into: 'H1' }]);
    expect(plan.touchedHouseholds).toEqual(['H1', 'H2']);
  });

  it('splits a neighbour out into a new household, leaving the procedure where it was', () => {
    const plan = planRegrouping([at('a', 'a', 'H1'), at('b', 'a', 'H1'), at('neighbour', 'neighbour', 'H1')]);
    expect(plan.recordMoves).toEqual([{ recordId: 'neighbour', fromHousehold: 'H1', toHousehold: 'new:neighbour' }]);
    expect(plan.newHouseholds).toEqual(['neighbour']);
    expect(plan.mergedHouseholds).toEqual([]);
  });

  it('never puts two matching groups in one household', () => {
    const placements = [at('a', 'a', 'H1'), at('b', 'b', 'H1'), at('c', 'c', 'H1'), at('d', 'a', 'H2')];
    const plan = planRegrouping(placements);
    const final = new Map(
      placements.map((p) => [p.recordId, plan.recordMoves.find((m) => m.recordId === p.recordId)?.toHousehold ?? p.householdId]),
    );
    const householdsOfGroup = new Map<string, Set<string>>();
    for (const p of placements)
      householdsOfGroup.set(p.groupKey, new Set([...(householdsOfGroup.get(p.groupKey) ?? []), final.get(p.recordId)!]));
    for (const set of householdsOfGroup.values()) expect(set.size).toBe(1);
    const groupsOfHousehold = new Map<string, Set<string>>();
    for (const p of placements)
      groupsOfHousehold.set(final.get(p.recordId)!, new Set([...(groupsOfHousehold.get(final.get(p.recordId)!) ?? []), p.groupKey]));
    for (const set of groupsOfHousehold.values()) expect(set.size).toBe(1);
  });

  it('gives the same plan whatever the order of the records', () => {
    const placements = [at('r1', 'r1', 'H1'), at('r2', 'r1', 'H2'), at('r3', 'r3', 'H2'), at('r4', 'r3', 'H3'), at('r5', 'r5', 'H3')];
    expect(planRegrouping([...placements].reverse())).toEqual(planRegrouping(placements));
  });
});
