/**
 * Link threshold chosen from the model, not from labelled data: the posterior probabilities of
 * the candidate links estimate how many of them are false. We accept links from the most to
 * the least probable while the expected share of false links among the accepted ones stays
 * within the target (false discovery control), and never below a floor probability.
 */
export interface ThresholdPolicy {
  /** Expected share of false links tolerated among automatic links (e.g. 0.005). */
  readonly targetFalseLinkRate: number;
  /** No automatic link below this posterior probability, whatever the data. */
  readonly floorProbability: number;
  /** A link at or above this probability is always accepted. */
  readonly ceilingProbability: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Returns the link threshold as log-odds. */
export function chooseLinkThreshold(logOdds: readonly number[], policy: ThresholdPolicy): number {
  const floor = Math.log(policy.floorProbability / (1 - policy.floorProbability));
  const ceiling = Math.log(policy.ceilingProbability / (1 - policy.ceilingProbability));
  const sorted = logOdds.filter((l) => l >= floor && Number.isFinite(l)).sort((a, b) => b - a);
  let expectedFalse = 0;
  let threshold = ceiling;
  for (let k = 0; k < sorted.length; k++) {
    expectedFalse += 1 - sigmoid(sorted[k]);
    if (expectedFalse / (k + 1) <= policy.targetFalseLinkRate) threshold = Math.min(threshold, sorted[k]);
    else if (sorted[k] < ceiling) break;
  }
  return threshold;
}
