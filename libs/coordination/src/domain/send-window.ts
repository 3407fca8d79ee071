/**
 * When a contact may go out: weekly windows in the household's local time, never on public
 * holidays (unless the window says so), the winter truce, and procedure dates moved by delays.
 */
import { DAY_MS, ZoneClock, addMonths, addWorkingDays, dayOfIsoDate, isoDateOfDay, isPublicHoliday, weekdayOfDay } from './calendar';
import type { HousingSector } from '@unisson/vocabulary';
import type { Duration, LegalDelay, Playbook, WeeklyWindow } from './playbook.schema';

export interface CalendarContext {
  clock: ZoneClock;
  /** Département code: its public holidays (Alsace-Moselle, overseas) and working days. */
  territory: string;
}

interface CompiledWindow {
  days: boolean[];
  ranges: Array<[number, number]>;
  allowPublicHolidays: boolean;
}

const compiled = new WeakMap<WeeklyWindow, CompiledWindow>();

function compile(window: WeeklyWindow): CompiledWindow {
  let result = compiled.get(window);
  if (!result) {
    const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    const days = Array.from({ length: 7 }, (_, d) => window.days.includes(d));
    const ranges = window.ranges.map((r): [number, number] => [minutes(r.from), minutes(r.to)]).sort((a, b) => a[0] - b[0]);
    result = { days, ranges, allowPublicHolidays: window.allowPublicHolidays };
    compiled.set(window, result);
  }
  return result;
}

function dayAllowed(window: CompiledWindow, day: number, ctx: CalendarContext): boolean {
  return window.days[weekdayOfDay(day)] && (window.allowPublicHolidays || !isPublicHoliday(day, ctx.territory));
}

/** Whether an instant falls inside a weekly window (end of a range is exclusive). */
export function isAllowedInstant(utcMs: number, window: WeeklyWindow, ctx: CalendarContext): boolean {
  const w = compile(window);
  const local = ctx.clock.toLocal(utcMs);
  const day = Math.floor(local / DAY_MS);
  if (!dayAllowed(w, day, ctx)) return false;
  const minute = (local - day * DAY_MS) / 60_000;
  return w.ranges.some(([from, to]) => minute >= from && minute < to);
}

/** The first instant at or after `utcMs` inside the window; null if none within a year and a half. */
export function nextAllowedInstant(utcMs: number, window: WeeklyWindow, ctx: CalendarContext): number | null {
  const w = compile(window);
  const local = ctx.clock.toLocal(utcMs);
  const firstDay = Math.floor(local / DAY_MS);
  for (let day = firstDay; day < firstDay + 550; day += 1) {
    if (!dayAllowed(w, day, ctx)) continue;
    const minute = day === firstDay ? (local - day * DAY_MS) / 60_000 : 0;
    for (const [from, to] of w.ranges) {
      if (minute < from) {
        const candidate = ctx.clock.at(day, from);
        if (isAllowedInstant(candidate, window, ctx)) return candidate;
      } else if (minute < to) {
        return utcMs;
      }
    }
  }
  return null;
}

/** Moves a civil day by a duration (working days skip weekends and the territory's public holidays). */
export function shiftDay(day: number, duration: Duration, territory: string): number {
  switch (duration.unit) {
    case 'days':
      return day + duration.amount;
    case 'weeks':
      return day + 7 * duration.amount;
    case 'months':
      return addMonths(day, duration.amount);
    case 'workingDays':
      return addWorkingDays(day, duration.amount, territory);
  }
}

/** Moves an instant by a duration in local civil time (keeps the wall-clock time of day). */
export function shiftInstant(utcMs: number, duration: Duration, ctx: CalendarContext): number {
  if (duration.amount === 0 && duration.unit !== 'workingDays') return utcMs;
  const local = ctx.clock.toLocal(utcMs);
  const day = Math.floor(local / DAY_MS);
  const timeOfDay = local - day * DAY_MS;
  return ctx.clock.toUtc(shiftDay(day, duration, ctx.territory) * DAY_MS + timeOfDay);
}

export interface DelayCase {
  leaseSignedOn: string | null;
  landlordKind: HousingSector;
}

/**
 * The legal delay that applies to a case on a reference date (usually the date of the act).
 * When a condition depends on unknown case data, the shortest candidate wins: reminders then
 * come early rather than too late.
 */
export function applicableDelay(delays: readonly LegalDelay[], id: string, referenceDate: string, legalCase: DelayCase): LegalDelay | null {
  let best: LegalDelay | null = null;
  for (const delay of delays) {
    if (delay.id !== id) continue;
    if (referenceDate < delay.appliesFrom) continue;
    if (delay.appliesUntil && referenceDate > delay.appliesUntil) continue;
    const when = delay.when;
    if (when.landlordKind && when.landlordKind !== legalCase.landlordKind) continue;
    const lease = legalCase.leaseSignedOn;
    if (lease && when.leaseSignedBefore && lease >= when.leaseSignedBefore) continue;
    if (lease && when.leaseSignedFrom && lease < when.leaseSignedFrom) continue;
    if (!best || approximateDays(delay) < approximateDays(best)) best = delay;
  }
  return best;
}

function approximateDays(delay: { amount: number; unit: Duration['unit'] }): number {
  const perUnit = { days: 1, weeks: 7, months: 30.4, workingDays: 1.4 };
  return delay.amount * perUnit[delay.unit];
}

/** Winter truce: the first local day after the truce if `day` falls inside it, else null. */
export function winterTruceEnd(day: number, truce: Playbook['winterTruce']): number | null {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const md = isoDateOfDay(day).slice(5, 10);
  const inTruce = truce.start <= truce.end ? md >= truce.start && md <= truce.end : md >= truce.start || md <= truce.end;
  const season = md >= truce.start ? year : year - 1;
  const extension = truce.extensions.find((e) => e.season === season);
  const normalEnd = dayOfIsoDate(`${season + (truce.start <= truce.end ? 0 : 1)}-${truce.end}`) + 1;
  const end = extension ? Math.max(normalEnd, dayOfIsoDate(extension.until) + 1) : normalEnd;
  if (inTruce || (extension && day < end && md < truce.start)) return end;
  return null;
}

export interface LegalDeadline {
  /** Civil date the delay ends ('YYYY-MM-DD'). */
  date: string;
  /** The delay that applied (its label and source say why). */
  delay: LegalDelay;
}

/**
 * A legal deadline, counted from the legal event's own date (the day the act was served, the
 * hearing…), never from the day Unisson learned of it: the delay in force on that date for the
 * case (lease date, landlord kind), moved after (or before, for "at least N days before the
 * hearing") that date; working days skip the territory's public holidays. Null when the playbook
 * has no delay of that id in force then. Pure: messaging states the deadline the engine plans with.
 */
export function legalDeadline(
  delays: readonly LegalDelay[],
  delayId: string,
  legalEventOn: string,
  legalCase: DelayCase,
  territory: string,
  direction: 'after' | 'before' = 'after',
): LegalDeadline | null {
  const delay = applicableDelay(delays, delayId, legalEventOn, legalCase);
  if (!delay) return null;
  const sign = direction === 'after' ? 1 : -1;
  const day = shiftDay(dayOfIsoDate(legalEventOn), { amount: sign * delay.amount, unit: delay.unit }, territory);
  return { date: isoDateOfDay(day), delay };
}
