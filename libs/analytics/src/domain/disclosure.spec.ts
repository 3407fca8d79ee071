import {
  cellDraw,
  publishCount,
  publishedCount,
  publishedInterval,
  publishedProbability,
  publishedRate,
  reportWindow,
  ROUNDING_BASE,
} from './disclosure';
import { hiddenInPartition } from './small-cells';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DAY = 86_400_000;

describe('disclosure control', () => {
  it('publishes 0 as 0, hides 1 to 9, and rounds every other count to a multiple of 5 within 4 of it', () => {
    expect(publishedCount(0, 'c')).toBe(0);
    for (let n = 1; n < 10; n++) expect(publishedCount(n, 'c')).toBeNull();
    for (let n = 10; n < 500; n++) {
      const p = publishedCount(n, `cell-${n}`, 'secret')!;
      expect(p % ROUNDING_BASE).toBe(0);
      expect(Math.abs(p - n)).toBeLessThan(ROUNDING_BASE);
      expect(p).toBeGreaterThanOrEqual(10);
    }
    expect(publishCount(7, 'c')).toEqual({ value: null, hidden: true });
    expect(publishCount(200, 'c', '', true)).toEqual({ value: null, hidden: true });
  });

  it('gives the same answer to the same question, and another draw to another cell or secret', () => {
    expect(publishedCount(423, 'funnel|93|premier_impaye', 's')).toBe(publishedCount(423, 'funnel|93|premier_impaye', 's'));
    const draws = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => cellDraw(k, 's')));
    expect(draws.size).toBe(6);
    expect(cellDraw('a', 's1')).not.toBe(cellDraw('a', 's2'));
  });

  it('rounds without bias: over many cells the published counts average the true ones', () => {
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += publishedCount(423, `cell-${i}`, 'secret')! - 423;
    expect(Math.abs(sum / 4000)).toBeLessThan(0.2);
  });

  it('tester’s funnel: two windows a day apart are one window, and give the same figure', () => {
    // to=2026-12-04 against to=2026-10-05 differed by 1 household; from=09-04 against from=09-20 by 8.
    const a = reportWindow(day('2026-09-04'), new Date(day('2026-10-05').getTime() + DAY));
    const b = reportWindow(day('2026-09-04'), new Date(day('2026-10-06').getTime() + DAY));
    expect(a.from.toISOString()).toBe('2026-08-31T00:00:00.000Z'); // a Monday
    expect(a.to.toISOString()).toBe('2026-10-12T00:00:00.000Z'); // the Monday after Sunday 11 October
    expect(b).toEqual(a);
    expect(reportWindow(day('2026-09-03'), day('2026-09-05'))).toEqual(reportWindow(day('2026-08-31'), day('2026-09-07')));
    const monday = reportWindow(day('2026-09-07'), day('2026-09-14'));
    expect(monday).toEqual({ from: day('2026-09-07'), to: day('2026-09-14') }); // whole weeks are kept as they are
  });

  it('tester’s funnel: windows whose counts differ by 1 or 8 households never publish that difference', () => {
    for (const [bigger, smaller] of [
      [424, 423],
      [424, 416],
    ] as const) {
      for (let i = 0; i < 200; i++) {
        const p = publishedCount(bigger, `w1-${i}`, 's')!;
        const q = publishedCount(smaller, `w2-${i}`, 's')!;
        expect(p - q).not.toBe(bigger - smaller);
        // The published difference (a multiple of 5) leaves the true one anywhere in a range of 9 or more values.
        const candidates = [];
        for (let d = -20; d <= 20; d++) if (Math.abs(p - q - d) < 2 * ROUNDING_BASE) candidates.push(d);
        expect(candidates.length).toBeGreaterThanOrEqual(19);
      }
    }
  });

  it('tester’s campaign preview: the rounded total minus the rounded shown groups does not give the hidden ones', () => {
    const cells = [
      { key: 'prive-400', households: 240 },
      { key: 'social-400', households: 212 },
      { key: 'prive-1000', households: 3 },
      { key: 'social-1000', households: 1 },
    ];
    const hidden = hiddenInPartition(cells);
    expect(hidden.has('social-400')).toBe(true); // 3 + 1 < 10: the smallest shown group is hidden too
    const total = publishedCount(456, 'total', 's')!;
    const shown = cells.filter((c) => !hidden.has(c.key)).map((c) => publishedCount(c.households, c.key, 's')!);
    const hiddenSum = cells.filter((c) => hidden.has(c.key)).reduce((s, c) => s + c.households, 0);
    expect(total - shown.reduce((s, x) => s + x, 0)).not.toBe(4);
    expect(hiddenSum).toBeGreaterThanOrEqual(10);
  });

  it('tester’s variants: a variant and an experiment arm over the same households leave the holdout undetermined', () => {
    // 217 households / 31 responders for the variant, 174 / 26 for arm A: the holdout holds 43 / 5.
    const variant = { households: publishedCount(217, 'variant|sms|reassuring', 's')!, responders: publishedCount(31, 'variant|r', 's')! };
    const arm = { households: publishedCount(174, 'arm|A|units', 's')!, responders: publishedCount(26, 'arm|A|responders', 's')! };
    expect(variant.households - arm.households).not.toBe(43);
    expect(variant.responders - arm.responders).not.toBe(5);
    // Rates to the point: 31/217 and 26/174 are published 0.14 and 0.15, which many counts give.
    expect(publishedRate(31 / 217)).toBe(0.14);
    expect(publishedRate(26 / 174)).toBe(0.15);
    const fits = [];
    for (let n = variant.households - 4; n <= variant.households + 4; n++)
      for (let r = variant.responders - 4; r <= variant.responders + 4; r++) if (publishedRate(r / n) === 0.14) fits.push([n, r]);
    expect(fits.length).toBeGreaterThan(3);
  });

  it('publishes intervals widened to the point, and p-values to the hundredth', () => {
    expect(publishedInterval({ low: 0.1969, high: 0.2788 })).toEqual({ low: 0.19, high: 0.28 });
    expect(publishedInterval({ low: 0.2, high: 0.3 })).toEqual({ low: 0.2, high: 0.3 });
    expect(publishedProbability(0.04321)).toBe(0.04);
    expect(publishedProbability(0.004321)).toBe(0.004);
    expect(publishedProbability(0.00001)).toBe(0.001);
  });
});
