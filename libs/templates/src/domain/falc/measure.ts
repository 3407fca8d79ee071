import { REVIEWER_REJECTED, REVIEWER_SIGNED } from './reviewer-set';
import { checkFalc, DEFAULT_FALC_OPTIONS } from './rules';

export interface FalcMeasure {
  rejected: { total: number; caught: number };
  signed: { total: number; flagged: number };
  /** Share of the reviewer's rejections the rules catch (with the reviewer's reason). */
  recall: number;
  /** Share of the reviewer's signed messages the rules flag. */
  falsePositiveRate: number;
  missed: string[];
  wronglyFlagged: string[];
}

/** The FALC rules against the reviewer's verdicts (reviewer-set.ts). */
export function measureFalcRules(): FalcMeasure {
  const opts = { ...DEFAULT_FALC_OPTIONS, minReadability: -Infinity };
  const missed = REVIEWER_REJECTED.filter((r) => !checkFalc(r.text, opts).some((f) => f.rule === r.rule)).map((r) => r.text);
  const wronglyFlagged = REVIEWER_SIGNED.filter((t) => checkFalc(t, opts).length > 0);
  const caught = REVIEWER_REJECTED.length - missed.length;
  return {
    rejected: { total: REVIEWER_REJECTED.length, caught },
    signed: { total: REVIEWER_SIGNED.length, flagged: wronglyFlagged.length },
    recall: Math.round((caught / REVIEWER_REJECTED.length) * 1000) / 1000,
    falsePositiveRate: Math.round((wronglyFlagged.length / REVIEWER_SIGNED.length) * 1000) / 1000,
    missed,
    wronglyFlagged,
  };
}
