import { DateTime } from 'luxon';

const ZONE = 'Europe/Paris';

/** The day whose batch a letter staged at `now` goes into: today in Paris, or tomorrow after the cut-off. */
export function printDayFor(now: Date, cutoff: string): string {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const [hour, minute] = cutoff.split(':').map(Number);
  const cut = local.set({ hour, minute, second: 0, millisecond: 0 });
  return (local < cut ? local : local.plus({ days: 1 })).toISODate()!;
}

/** When a day's batch is made: at the cut-off of that day, Paris time. */
export function batchTimeOf(printDay: string, cutoff: string): Date {
  const [hour, minute] = cutoff.split(':').map(Number);
  return DateTime.fromISO(printDay, { zone: ZONE }).set({ hour, minute }).toJSDate();
}

/** Today in Paris (the last day whose batch may be due). */
export function parisDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
}
