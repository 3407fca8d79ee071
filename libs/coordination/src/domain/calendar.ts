/**
 * French civil calendar for outreach: public holidays per territory (from the date-holidays
 * library, never listed by hand), time zones of overseas départements, local wall-clock arithmetic across daylight-saving changes,
 * and working days. Pure: every function takes instants as epoch milliseconds.
 */
import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** Year, month (1-12) and day of a day number (H. Hinnant's civil_from_days; no Date object). */
function civilOfDay(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Civil date of a day number, as 'YYYY-MM-DD' (years 0000-9999). */
export function isoDateOfDay(day: number): string {
  const [y, m, d] = civilOfDay(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * An instant as `Date.prototype.toISOString` writes it ('YYYY-MM-DDTHH:mm:ss.sssZ'), several
 * times faster: the planner writes hundreds of thousands of them per run.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const min = Math.floor(rest / 60_000);
  rest -= min * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${isoDateOfDay(day)}T${pad2(h)}:${pad2(min)}:${pad2(sec)}.${pad3(rest - sec * 1000)}Z`;
}

/** Day number of an ISO date 'YYYY-MM-DD'. */
export function dayOfIsoDate(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dayNumber(y, m, d);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Easter Sunday (Gregorian, anonymous computus / Meeus-Jones-Butcher) as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

export interface PublicHoliday {
  date: string;
  name: string;
}

/**
 * The date-holidays regions whose public holidays differ from metropolitan France's: Alsace-Moselle
 * (Good Friday, 26 December) and the overseas départements (each its abolition-of-slavery day).
 */
const HOLIDAY_REGION_OF_TERRITORY: Record<string, string> = {
  '57': '57',
  '67': '67',
  '68': '68',
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
};

const holidayCalendars = new Map<string, Holidays>();

function holidayCalendar(region: string): Holidays {
  let calendar = holidayCalendars.get(region);
  if (!calendar) {
    calendar = region === 'FR' ? new Holidays('FR') : new Holidays('FR', region);
    holidayCalendars.set(region, calendar);
  }
  return calendar;
}

/** Public holidays (jours fériés) of a year in a territory (département code), from the date-holidays library. */
export function publicHolidays(year: number, territory: string): PublicHoliday[] {
  const region = HOLIDAY_REGION_OF_TERRITORY[territory] ?? 'FR';
  return holidayCalendar(region)
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
    .sort((x, y) => x.date.localeCompare(y.date));
}

const holidayDays = new Map<string, Map<number, Set<number>>>();

/** Whether a day number is a public holiday in a territory (memoised per year and region). */
export function isPublicHoliday(day: number, territory: string): boolean {
  const region = HOLIDAY_REGION_OF_TERRITORY[territory] ?? 'FR';
  let years = holidayDays.get(region);
  if (!years) {
    years = new Map();
    holidayDays.set(region, years);
  }
  // A year starts within one day of 365.2425-day steps from 1970; check the neighbour to be exact.
  let year = 1970 + Math.floor(day / 365.2425);
  if (dayNumber(year, 1, 1) > day) year -= 1;
  else if (dayNumber(year + 1, 1, 1) <= day) year += 1;
  let days = years.get(year);
  if (!days) {
    days = new Set(publicHolidays(year, territory).map((h) => dayOfIsoDate(h.date)));
    years.set(year, days);
  }
  return days.has(day);
}

const OVERSEAS_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
};

/** Time zone of a territory (département code): overseas départements have their own, the rest is Paris. */
export function timeZoneOfTerritory(territory: string): string {
  return OVERSEAS_ZONES[territory] ?? 'Europe/Paris';
}

/** Time zone of a French postal code: overseas départements have their own, the rest is Paris. */
export function timeZoneOfPostalCode(postalCode: string | null | undefined, fallback = 'Europe/Paris'): string {
  if (!postalCode || postalCode.length < 3) return fallback;
  return OVERSEAS_ZONES[postalCode.slice(0, 3)] ?? fallback;
}

/**
 * Converts between instants and local wall-clock time in one zone. Offsets are memoised per UTC
 * hour, which is exact for every French zone (transitions happen on the hour).
 */
export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();
  private lastHour = Number.NaN;
  private lastOffset = 0;

  constructor(readonly timeZone: string) {
    const zone = IANAZone.create(timeZone);
    if (!zone.isValid) throw new Error(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Paris`);
    this.zone = zone;
  }

  /** Offset of local time from UTC at an instant, in milliseconds. */
  offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR_MS);
    if (hour === this.lastHour) return this.lastOffset;
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = this.zone.offset(hour * HOUR_MS) * 60_000;
      if (this.offsets.size > 200_000) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    this.lastHour = hour;
    this.lastOffset = offset;
    return offset;
  }

  /** Local wall-clock milliseconds (as if local time were UTC). */
  toLocal(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /** Instant of a local wall-clock time; a time skipped by a spring-forward maps past the gap. */
  toUtc(localMs: number): number {
    const first = localMs - this.offsetAt(localMs);
    const second = localMs - this.offsetAt(first);
    return this.toLocal(second) === localMs ? second : Math.max(first, second);
  }

  /** Local day number of an instant. */
  localDay(utcMs: number): number {
    return Math.floor(this.toLocal(utcMs) / DAY_MS);
  }

  /** Instant of a local civil date at a given minute of the day. */
  at(day: number, minuteOfDay: number): number {
    return this.toUtc(day * DAY_MS + minuteOfDay * 60_000);
  }
}

const clocks = new Map<string, ZoneClock>();

/** One shared clock per zone (the memo is what makes planning fast). */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Monday to Friday, not a public holiday. */
export function isWorkingDay(day: number, territory: string): boolean {
  const weekday = weekdayOfDay(day);
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(day, territory);
}

/** Moves a day by n working days (n may be negative); n = 0 rolls forward to a working day. */
export function addWorkingDays(day: number, n: number, territory: string): number {
  let current = day;
  if (n === 0) {
    while (!isWorkingDay(current, territory)) current += 1;
    return current;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    current += step;
    if (isWorkingDay(current, territory)) left -= 1;
  }
  return current;
}

/** Adds calendar months to a civil day, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const d = date.getUTCDate();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d, lastDay)) / DAY_MS);
}
