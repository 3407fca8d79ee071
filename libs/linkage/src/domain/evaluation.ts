/** Pairwise precision / recall of a clustering against a reference clustering. */
export interface PairwiseScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly predictedPairs: number;
  readonly truePairs: number;
}

function pairsWithin(groups: Iterable<number>): number {
  let total = 0;
  for (const n of groups) total += (n * (n - 1)) / 2;
  return total;
}

function countBy(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** predicted and truth map record id -> cluster id; records missing from truth are ignored. */
export function pairwiseScores(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): PairwiseScores {
  const ids = [...truth.keys()].filter((id) => predicted.has(id));
  const predictedPairs = pairsWithin(countBy(ids.map((id) => predicted.get(id) as string)).values());
  const truePairs = pairsWithin(countBy(ids.map((id) => truth.get(id) as string)).values());
  const truePositives = pairsWithin(countBy(ids.map((id) => `${predicted.get(id)}\u0000${truth.get(id)}`)).values());
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, predictedPairs, truePairs };
}
