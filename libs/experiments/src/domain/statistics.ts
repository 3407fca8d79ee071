import { jStat } from 'jstat';

/**
 * The statistics an analyst defends in front of a CCAPEX: pure functions over counts. The
 * distributions (normal, beta, chi-square, hypergeometric) come from jstat; what is written here
 * is only the arithmetic that combines them, each with its reference (tests check published
 * figures or an independent implementation).
 */

export interface Counts {
  /** Households exposed. */
  units: number;
  /** Households that gave the primary response within the window. */
  responders: number;
}

export interface Interval {
  low: number;
  high: number;
}

const z = (confidence: number) => jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Wilson score interval for one proportion (Wilson 1927; Newcombe 1998, method 3). */
export function wilsonInterval({ units: n, responders: x }: Counts, confidence = 0.95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const k = z(confidence);
  const p = x / n;
  const k2 = k * k;
  const centre = (p + k2 / (2 * n)) / (1 + k2 / n);
  const half = (k / (1 + k2 / n)) * Math.sqrt((p * (1 - p)) / n + k2 / (4 * n * n));
  return { low: clamp01(x === 0 ? 0 : centre - half), high: clamp01(x === n ? 1 : centre + half) };
}

/**
 * Interval for the difference of two proportions (treatment − control) by Newcombe's hybrid
 * score method (Newcombe 1998, method 10), built from the two Wilson intervals: good coverage
 * even for small counts, unlike the Wald interval.
 */
export function differenceInterval(treatment: Counts, control: Counts, confidence = 0.95): Interval {
  const p1 = rate(treatment);
  const p2 = rate(control);
  const a = wilsonInterval(treatment, confidence);
  const b = wilsonInterval(control, confidence);
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2);
  const high = d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2);
  return { low: Math.max(-1, low), high: Math.min(1, high) };
}

export const rate = ({ units, responders }: Counts) => (units === 0 ? 0 : responders / units);

/**
 * Fisher's exact test on the 2×2 table, two-sided: the probability of every table with the same
 * margins no more likely than the one observed (as R's fisher.test, relative tolerance 1e-7).
 */
export function fisherExactTest(a: Counts, b: Counts): number {
  const N = a.units + b.units;
  const m = a.responders + b.responders; // responders in all
  const n = a.units; // drawn: the first group
  const observed = jStat.hypgeom.pdf(a.responders, N, m, n);
  const lowK = Math.max(0, n - (N - m));
  const highK = Math.min(n, m);
  let p = 0;
  for (let k = lowK; k <= highK; k++) {
    const pk = jStat.hypgeom.pdf(k, N, m, n);
    if (pk <= observed * (1 + 1e-7)) p += pk;
  }
  return Math.min(1, p);
}

export type TestMethod = 'fisher_exact' | 'z_pooled';

/**
 * Two-sided test of equal proportions: Fisher's exact test when an expected cell count is under
 * 5 (Cochran's rule), the pooled two-proportion z-test (the chi-square test without continuity
 * correction) otherwise.
 */
export function twoProportionTest(treatment: Counts, control: Counts): { pValue: number; method: TestMethod } {
  const N = treatment.units + control.units;
  if (N === 0) return { pValue: 1, method: 'fisher_exact' };
  const m = treatment.responders + control.responders;
  const expected = [treatment.units, control.units].flatMap((n) => [(n * m) / N, (n * (N - m)) / N]);
  if (Math.min(...expected) < 5) return { pValue: fisherExactTest(treatment, control), method: 'fisher_exact' };
  const pooled = m / N;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treatment.units + 1 / control.units));
  const statistic = (rate(treatment) - rate(control)) / se;
  return { pValue: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(statistic), 0, 1))), method: 'z_pooled' };
}

/** Holm's step-down adjustment of p-values (Holm 1979), in the order given. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

export interface SampleRatioCheck {
  chiSquare: number;
  pValue: number;
  /** GrowthBook's threshold: a split this unlikely means the assignment or the counting is broken. */
  mismatch: boolean;
}

/** Sample-ratio mismatch: chi-square goodness of fit of the observed units against the planned shares. */
export function sampleRatioCheck(observed: readonly number[], plannedShares: readonly number[], threshold = 0.001): SampleRatioCheck {
  const total = observed.reduce((s, x) => s + x, 0);
  const shareSum = plannedShares.reduce((s, x) => s + x, 0);
  if (total === 0 || observed.length < 2) return { chiSquare: 0, pValue: 1, mismatch: false };
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = (total * plannedShares[i]!) / shareSum;
    if (e > 0) chiSquare += (o - e) ** 2 / e;
  });
  const pValue = 1 - jStat.chisquare.cdf(chiSquare, observed.length - 1);
  return { chiSquare, pValue, mismatch: pValue < threshold };
}

interface BetaPosterior {
  a: number;
  b: number;
}
/** Beta(1, 1) prior (uniform) updated by the counts. */
const posterior = ({ units, responders }: Counts): BetaPosterior => ({ a: 1 + responders, b: 1 + units - responders });

/** P(X > Y) for X ~ Beta(x), Y ~ Beta(y): ∫ f_X(t) F_Y(t) dt by Simpson's rule over where X has its mass. */
function probabilityGreater(x: BetaPosterior, y: BetaPosterior): number {
  const mean = x.a / (x.a + x.b);
  const sd = Math.sqrt((x.a * x.b) / ((x.a + x.b) ** 2 * (x.a + x.b + 1)));
  const from = Math.max(0, mean - 12 * sd);
  const to = Math.min(1, mean + 12 * sd);
  const steps = 2000;
  const h = (to - from) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const t = from + i * h;
    const f = jStat.beta.pdf(t, x.a, x.b) * jStat.beta.cdf(t, y.a, y.b);
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * (Number.isFinite(f) ? f : 0);
  }
  return clamp01((sum * h) / 3);
}

/** Beta parameters from which the normal approximation replaces the quadrature. */
const LARGE_POSTERIOR = 1000;

export interface BayesianComparison {
  /** Chance that the variant's true rate beats the control's. */
  chanceToBeatControl: number;
  /** Expected loss of choosing the variant: E[max(control − variant, 0)], in rate points. */
  expectedLoss: number;
}

/**
 * Beta-binomial comparison with uniform priors. Expected loss as in Stucchio (2015):
 * E[max(pc − pv, 0)] = E[pc·1{pc>pv}] − E[pv·1{pc>pv}], each term a chance over a shifted posterior.
 */
export function bayesianComparison(variant: Counts, control: Counts): BayesianComparison {
  const v = posterior(variant);
  const c = posterior(control);
  const meanC = c.a / (c.a + c.b);
  const meanV = v.a / (v.a + v.b);
  if (Math.min(v.a, v.b, c.a, c.b) >= LARGE_POSTERIOR) {
    // Both posteriors are then Gaussian to well under 0.1 point (as gbstats uses): closed forms, no quadrature.
    const variance = (p: BetaPosterior) => (p.a * p.b) / ((p.a + p.b) ** 2 * (p.a + p.b + 1));
    const d = meanV - meanC;
    const s = Math.sqrt(variance(v) + variance(c));
    const zd = d / s;
    return {
      chanceToBeatControl: jStat.normal.cdf(zd, 0, 1),
      expectedLoss: Math.max(0, -d * jStat.normal.cdf(-zd, 0, 1) + s * jStat.normal.pdf(zd, 0, 1)),
    };
  }
  const expectedLoss = meanC * probabilityGreater({ a: c.a + 1, b: c.b }, v) - meanV * probabilityGreater(c, { a: v.a + 1, b: v.b });
  return { chanceToBeatControl: probabilityGreater(v, c), expectedLoss: Math.max(0, expectedLoss) };
}

/**
 * Asymptotic confidence sequence for the difference of two rates (Waudby-Smith et al. 2023, as in
 * GrowthBook's gbstats): an interval valid at every look at once, so looking every day does not
 * inflate false positives. `tuningUnits` (the planned total sample) is fixed per experiment before
 * it starts; the sequence is tightest around it. The variance uses Agresti–Caffo's +1/+2 counts so
 * that an all-or-nothing early look is not taken for certainty.
 */
export function confidenceSequence(treatment: Counts, control: Counts, tuningUnits: number, confidence = 0.95): Interval {
  const alpha = 1 - confidence;
  const N = treatment.units + control.units;
  if (treatment.units === 0 || control.units === 0) return { low: -1, high: 1 };
  const adjusted = ({ units, responders }: Counts) => (responders + 1) / (units + 2);
  const p1 = adjusted(treatment);
  const p2 = adjusted(control);
  const variance = (p1 * (1 - p1)) / treatment.units + (p2 * (1 - p2)) / control.units;
  const rho2 = (-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / Math.max(1, tuningUnits);
  const s2 = variance * N;
  const half = Math.sqrt(s2) * Math.sqrt(((2 * (N * rho2 + 1)) / (N * N * rho2)) * Math.log(Math.sqrt(N * rho2 + 1) / alpha));
  const d = rate(treatment) - rate(control);
  return { low: Math.max(-1, d - half), high: Math.min(1, d + half) };
}

/** Fleiss' normal-approximation sample size per arm for two proportions (as R's power.prop.test), two-sided. */
export function sampleSizePerArm(baselineRate: number, minimumDetectableEffect: number, alpha = 0.05, power = 0.8): number {
  const p1 = baselineRate;
  const p2 = clamp01(baselineRate + minimumDetectableEffect);
  const delta = Math.abs(p2 - p1);
  if (delta === 0) return Infinity;
  const za = jStat.normal.inv(1 - alpha / 2, 0, 1);
  const zb = jStat.normal.inv(power, 0, 1);
  const pBar = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / delta ** 2;
  return Math.ceil(n);
}
