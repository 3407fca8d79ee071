import { MINIMUM_UNITS_PER_ARM, seededUniform, sequentialVerdict } from './analysis';
import { confidenceSequence, Counts, differenceInterval, twoProportionTest, wilsonInterval } from './statistics';

/**
 * Simulated experiments with known true rates: how often the 95% intervals hold the truth, and how
 * often an A/A experiment (no difference at all) looked at every day declares a winner.
 */
export interface SimulationOptions {
  experiments: number;
  aaExperiments: number;
  days: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationSummary {
  experiments: number;
  aaExperiments: number;
  days: number;
  /** Share of fixed-horizon 95% intervals of the difference (Newcombe) that hold the true difference. */
  coverage: number;
  /** Same for the per-variant Wilson intervals. */
  wilsonCoverage: number;
  /** Share of A/A experiments the sequential rule declared a winner in, at any daily look. */
  aaFalseWinnerRate: number;
  /** Share of A/A experiments a plain p < 0.05 at every daily look would have declared a winner in (why the sequential rule). */
  aaNaivePeekingFalseWinnerRate: number;
  /** Share of experiments with a real difference of 5 points or more the sequential rule found, in the right direction. */
  sequentialPower: number;
}

const binomial = (n: number, p: number, u: () => number) => {
  let x = 0;
  for (let i = 0; i < n; i++) if (u() < p) x++;
  return x;
};
const between = (u: () => number, low: number, high: number) => low + (high - low) * u();

export function simulateExperiments(options: SimulationOptions): SimulationSummary {
  const u = seededUniform(options.seed);
  const total = options.experiments + options.aaExperiments;
  const step = Math.max(1, Math.floor(total / 20));
  let covered = 0;
  let wilsonCovered = 0;
  let powered = 0;
  let found = 0;
  for (let i = 0; i < options.experiments; i++) {
    const base = between(u, 0.03, 0.45);
    const effect = u() < 0.3 ? 0 : between(u, -0.08, 0.12);
    const treated = Math.min(0.95, Math.max(0.01, base + effect));
    const nControl = Math.round(between(u, 60, 3000));
    const nTreated = Math.round(nControl * between(u, 0.8, 1.2));
    const control: Counts = { units: nControl, responders: binomial(nControl, base, u) };
    const treatment: Counts = { units: nTreated, responders: binomial(nTreated, treated, u) };
    const truth = treated - base;
    const d = differenceInterval(treatment, control);
    if (d.low <= truth && truth <= d.high) covered++;
    const w = wilsonInterval(treatment);
    if (w.low <= treated && treated <= w.high) wilsonCovered++;
    if (Math.abs(truth) >= 0.05) {
      powered++;
      const cs = confidenceSequence(treatment, control, nControl + nTreated);
      const verdict = sequentialVerdict(cs, treatment, control, true);
      if ((truth > 0 && verdict === 'better') || (truth < 0 && verdict === 'worse')) found++;
    }
    if ((i + 1) % step === 0) options.onProgress?.(i + 1, total);
  }
  let falseWinners = 0;
  let naiveWinners = 0;
  for (let i = 0; i < options.aaExperiments; i++) {
    const p = between(u, 0.05, 0.4);
    const perDay = Math.round(between(u, 10, 150));
    const tuning = 2 * perDay * options.days; // fixed before the first look
    const a: Counts = { units: 0, responders: 0 };
    const b: Counts = { units: 0, responders: 0 };
    let declared = false;
    let naive = false;
    for (let day = 0; day < options.days; day++) {
      for (const arm of [a, b]) {
        arm.units += perDay;
        arm.responders += binomial(perDay, p, u);
      }
      const verdict = sequentialVerdict(confidenceSequence(b, a, tuning), b, a, false);
      if (verdict === 'better' || verdict === 'worse') declared = true;
      if (a.units >= MINIMUM_UNITS_PER_ARM && twoProportionTest(b, a).pValue < 0.05) naive = true;
    }
    if (declared) falseWinners++;
    if (naive) naiveWinners++;
    const done = options.experiments + i + 1;
    if (done % step === 0) options.onProgress?.(done, total);
  }
  const share = (x: number, n: number) => (n === 0 ? 0 : Number((x / n).toFixed(4)));
  return {
    experiments: options.experiments,
    aaExperiments: options.aaExperiments,
    days: options.days,
    coverage: share(covered, options.experiments),
    wilsonCoverage: share(wilsonCovered, options.experiments),
    aaFalseWinnerRate: share(falseWinners, options.aaExperiments),
    aaNaivePeekingFalseWinnerRate: share(naiveWinners, options.aaExperiments),
    sequentialPower: share(found, powered),
  };
}
