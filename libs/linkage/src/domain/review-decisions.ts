import { NormalisedRecord } from './record';

/**
 * Human review decisions. A human "confirm" or "merge" links two records for good; a "split"
 * keeps them in different households for good. Automatic runs read them and never undo them.
 */
export type HumanDecisionKind = 'confirm' | 'merge' | 'split';

export interface HumanDecision {
  readonly kind: HumanDecisionKind;
  readonly leftRecordId: string;
  readonly rightRecordId: string;
}

export interface DecisionIndex {
  forcedLogOdds(a: number, b: number): number | undefined;
  mustStayApart(a: number, b: number): boolean;
  forcedLinks(): Array<[number, number]>;
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function indexDecisions(records: readonly NormalisedRecord[], decisions: readonly HumanDecision[]): DecisionIndex {
  const position = new Map<string, number>();
  records.forEach((r, i) => position.set(r.recordId, i));
  const apart = new Set<string>();
  const together = new Map<string, [number, number]>();
  for (const d of decisions) {
    const a = position.get(d.leftRecordId);
    const b = position.get(d.rightRecordId);
    if (a === undefined || b === undefined || a === b) continue;
    const key = pairKey(a, b);
    if (d.kind === 'split') {
      apart.add(key);
      together.delete(key);
    } else {
      together.set(key, [a, b]);
      apart.delete(key);
    }
  }
  return {
    forcedLogOdds: (a, b) => {
      if (apart.size === 0 && together.size === 0) return undefined;
      const key = pairKey(a, b);
      if (apart.has(key)) return -Infinity;
      if (together.has(key)) return Infinity;
      return undefined;
    },
    mustStayApart: (a, b) => apart.size > 0 && apart.has(pairKey(a, b)),
    forcedLinks: () => [...together.values()],
  };
}
