import { createHmac } from 'node:crypto';
import type { Interval } from '@unisson/experiments';
import { shown, ShownCount, SMALL_CELL } from './small-cells';

/**
 * Statistical disclosure control of every aggregate Unisson publishes (decision 0035): the one
 * place that turns an exact count into the figure a reader sees.
 *
 * - a count of 1 to 9 households is not published (`SMALL_CELL`);
 * - every other count is published rounded to a multiple of 5 by controlled (unbiased) random
 *   rounding: `n = 5q + r` is published `5q + 5` with probability `r / 5`, else `5q`. The draw
 *   is keyed by the cell (what it counts and over which territory and window) and a server
 *   secret, so the same question always gets the same answer, and a published figure `P` only
 *   says that the count lies in `P − 4 … P + 4`; the difference of two published figures leaves
 *   any group under 10 households undetermined (totals are rounded too, so total minus the shown
 *   groups does not give the hidden ones);
 * - rates and intervals (computed on the exact counts) are published to the percentage point,
 *   intervals widened outwards, p-values to the hundredth (thousandth under 0.01), so that no
 *   exact count can be worked back from them;
 * - periods are whole ISO weeks (Monday to Monday, UTC), so two windows a day apart are the same
 *   window and give the same figures.
 */
export const ROUNDING_BASE = 5;

const DAY = 86_400_000;

/** A uniform number in [0, 1) drawn from the cell's key and the secret (HMAC-SHA-256): the same cell, the same draw. */
export function cellDraw(cell: string, secret = ''): number {
  const digest = createHmac('sha256', `unisson-disclosure:${secret}`).update(cell).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The count as published: 0, null (1 to 9 households, not published), or a multiple of 5 near it. */
export function publishedCount(n: number, cell: string, secret = '', threshold = SMALL_CELL): number | null {
  if (n <= 0) return 0;
  if (n < threshold) return null;
  const down = Math.floor(n / ROUNDING_BASE) * ROUNDING_BASE;
  const remainder = n - down;
  if (remainder === 0) return n;
  return cellDraw(cell, secret) < remainder / ROUNDING_BASE ? down + ROUNDING_BASE : down;
}

/** `publishedCount` as a shown cell; `hide` for a cell another rule hides (secondary suppression). */
export function publishCount(n: number, cell: string, secret = '', hide = false): ShownCount {
  const value = publishedCount(n, cell, secret);
  return hide || value === null ? shown(0, true) : shown(value, false);
}

/** A rate (or a rate difference) published to the percentage point. */
export function publishedRate(x: number): number {
  return Math.round(x * 100) / 100;
}

/** An interval published to the percentage point, widened outwards (never narrower than computed). */
export function publishedInterval(i: Interval): Interval {
  return { low: Math.floor(i.low * 100 + 1e-9) / 100, high: Math.ceil(i.high * 100 - 1e-9) / 100 };
}

/** A p-value (or a probability) to the hundredth, to the thousandth under 0.01, and 0.001 at least. */
export function publishedProbability(p: number): number {
  if (p < 0.001) return 0.001;
  return p < 0.01 ? Math.round(p * 1000) / 1000 : Math.round(p * 100) / 100;
}

/** Monday 00:00 UTC at or before a date. */
function mondayAtOrBefore(t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY;
}

/**
 * The period figures are counted over: whole ISO weeks covering the period asked for (`to` is
 * exclusive), so that a reader cannot subtract two windows that differ by a few days.
 */
export function reportWindow(from: Date, to: Date): { from: Date; to: Date } {
  const start = mondayAtOrBefore(from.getTime());
  const lastMonday = mondayAtOrBefore(to.getTime() - 1);
  return { from: new Date(start), to: new Date(lastMonday + 7 * DAY) };
}

/** A key for the cells of one published table: the same table over the same territory and window. */
export function cellScope(...parts: ReadonlyArray<string | Date | null>): string {
  return parts.map((p) => (p instanceof Date ? p.toISOString() : (p ?? '*'))).join('|');
}

/** Re-export for callers that only need the threshold and the published-count type. */
export { SMALL_CELL, type ShownCount };
