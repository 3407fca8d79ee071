import {
  bayesianComparison,
  confidenceSequence,
  differenceInterval,
  fisherExactTest,
  holmAdjust,
  sampleRatioCheck,
  sampleSizePerArm,
  twoProportionTest,
  wilsonInterval,
} from './statistics';

const c = (responders: number, units: number) => ({ units, responders });

describe('statistics against published figures and an independent implementation', () => {
  // Newcombe (1998) "Two-sided confidence intervals for the single proportion", table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson 95%% interval of %i/%i is %f–%f', (x, n, low, high) => {
    const i = wilsonInterval(c(x, n));
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });

  // Newcombe (1998) "Interval estimation for the difference between independent proportions", table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('difference interval of %i/%i − %i/%i is %f to %f', (x1, n1, x2, n2, low, high) => {
    const i = differenceInterval(c(x1, n1), c(x2, n2));
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });

  it("Fisher's exact test: the lady tasting tea (0.4857) and the 2×2 table of Wikipedia's article (0.002759), as scipy.stats.fisher_exact", () => {
    expect(fisherExactTest(c(3, 4), c(1, 4))).toBeCloseTo(0.485714, 6);
    expect(fisherExactTest(c(1, 12), c(9, 12))).toBeCloseTo(0.0027594562, 8);
    expect(fisherExactTest(c(2, 50), c(9, 50))).toBeCloseTo(0.0511209337, 8);
  });

  it('uses the exact test when an expected count is under 5, the z-test otherwise', () => {
    expect(twoProportionTest(c(1, 30), c(6, 30)).method).toBe('fisher_exact');
    const large = twoProportionTest(c(120, 1000), c(100, 1000));
    expect(large.method).toBe('z_pooled');
    // chi-square test without continuity correction: scipy.stats.chi2_contingency(..., correction=False) gives p = 0.152918.
    expect(large.pValue).toBeCloseTo(0.152918, 5);
  });

  it('Holm adjusts step-down and keeps the order (p.adjust(c(.01,.04,.03,.005), "holm") in R)', () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02].map((x) => expect.closeTo(x, 10)));
  });

  it('sample-ratio mismatch as scipy.stats.chisquare, warning under p < 0.001', () => {
    const fair = sampleRatioCheck([5100, 4900], [1, 1]);
    expect(fair.chiSquare).toBeCloseTo(4, 10);
    expect(fair.pValue).toBeCloseTo(0.0455003, 6);
    expect(fair.mismatch).toBe(false);
    const broken = sampleRatioCheck([5000, 5150, 2100], [0.4, 0.4, 0.2]);
    expect(broken.chiSquare).toBeCloseTo(64.7959, 3);
    expect(broken.mismatch).toBe(true);
  });

  // Independent implementation: Evan Miller's closed form for P(pB > pA) and a double quadrature of
  // the expected loss, both in scipy 1.17 (special.betaln, integrate.quad).
  it.each([
    [120, 1000, 100, 1000, 0.9231834, 0.00048461],
    [3, 10, 1, 10, 0.8446115, 0.01405688],
    [30, 400, 45, 400, 0.0349812, 0.03760136],
  ])('Bayesian: %i/%i against %i/%i beats the control with chance %f, expected loss %f', (xv, nv, xc, nc, chance, loss) => {
    const b = bayesianComparison(c(xv, nv), c(xc, nc));
    expect(b.chanceToBeatControl).toBeCloseTo(chance, 5);
    expect(b.expectedLoss).toBeCloseTo(loss, 6);
  });

  it('uses the Gaussian approximation for large counts, within a tenth of a point of the exact figures (scipy, Evan Miller)', () => {
    const b = bayesianComparison(c(3000, 15000), c(2900, 15000));
    expect(b.chanceToBeatControl).toBeCloseTo(0.926811, 4);
    expect(b.expectedLoss).toBeCloseTo(0.00014978, 6);
  });

  it("sample size per arm as R's power.prop.test(p1 = .2, p2 = .25, power = .8): 1093.7, so 1094", () => {
    expect(sampleSizePerArm(0.2, 0.05)).toBe(1094);
    // A smaller effect needs more households; a stricter alpha too.
    expect(sampleSizePerArm(0.2, 0.02)).toBeGreaterThan(1094 * 5);
    expect(sampleSizePerArm(0.2, 0.05, 0.025)).toBeGreaterThan(1094);
  });

  it('the confidence sequence is wider than the fixed-horizon interval, and narrows as households accrue', () => {
    const small = confidenceSequence(c(60, 500), c(50, 500), 10_000);
    const fixed = differenceInterval(c(60, 500), c(50, 500));
    expect(small.high - small.low).toBeGreaterThan(fixed.high - fixed.low);
    const large = confidenceSequence(c(600, 5000), c(500, 5000), 10_000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeGreaterThan(0); // 12 % against 10 % on 5,000 each: a real difference
  });
});
