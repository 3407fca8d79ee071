import { jStat } from 'jstat';
import { comparisonsOf, ExperimentDesign, HOLDOUT_ARM, plannedSampleSize, plannedShares, SampleSizePlan } from './experiment';
import {
  bayesianComparison,
  confidenceSequence,
  Counts,
  differenceInterval,
  holmAdjust,
  Interval,
  rate,
  sampleRatioCheck,
  SampleRatioCheck,
  TestMethod,
  twoProportionTest,
  wilsonInterval,
} from './statistics';

export interface ArmCounts extends Counts {
  arm: string;
}

/** What the sequential rule says of a variant against the control, at this look. */
export type Verdict = 'better' | 'worse' | 'no_difference' | 'running';

export const VERDICT_LABELS: Record<Verdict, string> = {
  better: 'meilleure que le témoin',
  worse: 'moins bonne que le témoin',
  no_difference: 'pas de différence détectable',
  running: 'en cours (pas encore de conclusion)',
};

export interface ArmResult extends Counts {
  arm: string;
  variant: string | null;
  control: boolean;
  rate: number;
  interval: Interval;
}

export interface Comparison {
  arm: string;
  /** Rate difference to the control (variant − control), in rate points. */
  difference: number;
  differenceInterval: Interval;
  pValue: number;
  /** Holm-adjusted over the comparisons with the control. */
  adjustedPValue: number;
  testMethod: TestMethod;
  chanceToBeatControl: number;
  expectedLoss: number;
  /** Valid at every daily look (Bonferroni over the comparisons). */
  sequentialInterval: Interval;
  verdict: Verdict;
}

export interface ExperimentReport {
  arms: ArmResult[];
  holdout: ArmResult | null;
  comparisons: Comparison[];
  sampleRatio: SampleRatioCheck;
  plan: SampleSizePlan;
  /** Share of the planned households (arms, holdout excepted) already exposed. */
  progress: number;
  /** The fixed-horizon figures (interval, p-values) are only read as a verdict once the plan is reached. */
  planReached: boolean;
}

/** Smallest arm size before the sequential rule may conclude anything. */
export const MINIMUM_UNITS_PER_ARM = 30;

/** The sequential verdict: the confidence sequence excludes zero, or the plan is reached without it. */
export function sequentialVerdict(interval: Interval, treatment: Counts, control: Counts, planReached: boolean): Verdict {
  const enough = treatment.units >= MINIMUM_UNITS_PER_ARM && control.units >= MINIMUM_UNITS_PER_ARM;
  if (enough && interval.low > 0) return 'better';
  if (enough && interval.high < 0) return 'worse';
  return planReached ? 'no_difference' : 'running';
}

export function analyseExperiment(design: ExperimentDesign, counts: readonly ArmCounts[]): ExperimentReport {
  const countsOf = (arm: string): Counts => {
    const c = counts.find((x) => x.arm === arm);
    return { units: c?.units ?? 0, responders: c?.responders ?? 0 };
  };
  const plan = plannedSampleSize(design);
  const armResult = (arm: string, variant: string | null, control: boolean): ArmResult => {
    const c = countsOf(arm);
    return { arm, variant, control, ...c, rate: rate(c), interval: wilsonInterval(c) };
  };
  const arms = design.arms.map((a, i) => armResult(a.name, a.variant, i === 0));
  const control = arms[0]!;
  const exposed = arms.reduce((s, a) => s + a.units, 0);
  const planReached = exposed >= plan.total;
  const confidence = 1 - design.alpha / comparisonsOf(design);
  const tests = arms.slice(1).map((a) => twoProportionTest(a, control));
  const adjusted = holmAdjust(tests.map((t) => t.pValue));
  const comparisons = arms.slice(1).map((a, i): Comparison => {
    const sequentialInterval = confidenceSequence(a, control, plan.total, confidence);
    const bayes = bayesianComparison(a, control);
    return {
      arm: a.arm,
      difference: a.rate - control.rate,
      differenceInterval: differenceInterval(a, control, 1 - design.alpha),
      pValue: tests[i]!.pValue,
      adjustedPValue: adjusted[i]!,
      testMethod: tests[i]!.method,
      chanceToBeatControl: bayes.chanceToBeatControl,
      expectedLoss: bayes.expectedLoss,
      sequentialInterval,
      verdict: sequentialVerdict(sequentialInterval, a, control, planReached),
    };
  });
  const holdoutCounts = countsOf(HOLDOUT_ARM);
  const holdout = design.holdoutShare > 0 ? armResult(HOLDOUT_ARM, null, false) : null;
  const observed = [...arms.map((a) => a.units), ...(holdout ? [holdoutCounts.units] : [])];
  const shares = plannedShares(design).slice(0, observed.length);
  return {
    arms,
    holdout,
    comparisons,
    sampleRatio: sampleRatioCheck(observed, shares),
    plan,
    progress: plan.total === 0 ? 1 : Math.min(1, exposed / plan.total),
    planReached,
  };
}

/** A seeded generator of uniform numbers (mulberry32): simulations and allocations replay exactly. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Adaptive allocation by Thompson sampling: each arm's weight is its chance of being the best
 * (posterior draws), never under `floor`, so every arm keeps learning; the holdout is apart and
 * keeps its fixed share. Households already assigned keep their arm.
 */
export function thompsonWeights(counts: readonly Counts[], floor = 0.1, draws = 2000, seed = 1): number[] {
  const k = counts.length;
  if (k === 0) return [];
  const effectiveFloor = Math.min(floor, 1 / k);
  const uniform = seededUniform(seed);
  const wins = new Array<number>(k).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    counts.forEach((c, i) => {
      const value = jStat.beta.inv(uniform(), 1 + c.responders, 1 + c.units - c.responders);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    wins[best]!++;
  }
  return wins.map((w) => effectiveFloor + (1 - k * effectiveFloor) * (w / draws));
}
