import { measureFalcRules } from './measure';
import { REVIEWER_REJECTED, REVIEWER_SIGNED } from './reviewer-set';
import { checkFalc, DEFAULT_FALC_OPTIONS } from './rules';

const noReadability = { ...DEFAULT_FALC_OPTIONS, minReadability: -Infinity };

describe("FALC rules measured on a reviewer's verdicts", () => {
  it.each(REVIEWER_REJECTED.map((r) => [r.rule, r.text] as const))('%s catches « %s »', (rule, text) => {
    expect(checkFalc(text, noReadability).map((f) => f.rule)).toContain(rule);
  });

  it.each(REVIEWER_SIGNED.map((t) => [t]))('signs « %s »', (text) => {
    expect(checkFalc(text, noReadability)).toEqual([]);
  });

  it('catches at least 9 in 10 rejected messages and flags at most 1 in 10 signed ones', () => {
    const m = measureFalcRules();
    expect(m.rejected.total).toBeGreaterThanOrEqual(30);
    expect(m.signed.total).toBeGreaterThanOrEqual(30);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
    expect(m.falsePositiveRate).toBeLessThanOrEqual(0.1);
  });
});
