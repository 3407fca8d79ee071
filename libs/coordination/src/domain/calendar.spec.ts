import { DateTime } from 'luxon';
import {
  addWorkingDays,
  dayOfIsoDate,
  easterSunday,
  frenchPublicHolidays,
  isPublicHoliday,
  isoDateOfDay,
  isoInstant,
  timeZoneOfPostalCode,
  zoneClock,
} from './calendar';

describe('calendar', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('computes Easter Sunday %i = %s', (year, expected) => {
    expect(isoDateOfDay(easterSunday(year))).toBe(expected);
  });

  it('lists the eleven national holidays of 2026 with the moving ones', () => {
    const holidays = frenchPublicHolidays(2026, false);
    expect(holidays).toHaveLength(11);
    expect(holidays.map((h) => h.date)).toEqual(
      expect.arrayContaining(['2026-04-06', '2026-05-14', '2026-05-25', '2026-07-14', '2026-11-11']),
    );
    expect(holidays.find((h) => h.date === '2026-05-25')?.name).toBe('Lundi de Pentecôte');
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    expect(isPublicHoliday(dayOfIsoDate('2026-04-03'), true)).toBe(true);
    expect(isPublicHoliday(dayOfIsoDate('2026-04-03'), false)).toBe(false);
    expect(isPublicHoliday(dayOfIsoDate('2026-12-26'), true)).toBe(true);
    expect(isPublicHoliday(dayOfIsoDate('2026-12-26'), false)).toBe(false);
    expect(frenchPublicHolidays(2026, true)).toHaveLength(13);
  });

  it.each([
    ['97110', 'America/Guadeloupe'],
    ['97200', 'America/Martinique'],
    ['97300', 'America/Cayenne'],
    ['97400', 'Indian/Reunion'],
    ['97600', 'Indian/Mayotte'],
    ['93200', 'Europe/Paris'],
    ['38000', 'Europe/Paris'],
    ['', 'Europe/Paris'],
  ])('time zone of postal code %s is %s', (postalCode, zone) => {
    expect(timeZoneOfPostalCode(postalCode)).toBe(zone);
  });

  it.each([
    ['2026-04-02', 1, '2026-04-03'],
    ['2026-04-03', 1, '2026-04-07'], // Friday -> weekend and Easter Monday skipped
    ['2026-04-07', -1, '2026-04-03'],
    ['2026-05-13', 1, '2026-05-15'], // Ascension Thursday skipped
    ['2026-12-24', 2, '2026-12-29'],
    ['2026-04-04', 0, '2026-04-07'],
  ])('from %s, %i working day(s) is %s', (from, n, expected) => {
    expect(isoDateOfDay(addWorkingDays(dayOfIsoDate(from), n, false))).toBe(expected);
  });

  it.each([
    ['Europe/Paris', '2026-03-28', 600],
    ['Europe/Paris', '2026-03-29', 600],
    ['Europe/Paris', '2026-03-30', 600],
    ['Europe/Paris', '2026-10-25', 600],
    ['Europe/Paris', '2026-10-25', 150],
    ['Europe/Paris', '2026-10-26', 600],
    ['Indian/Reunion', '2026-07-01', 600],
    ['America/Cayenne', '2026-01-15', 1199],
  ])('in %s, %s at minute %i maps to the same wall clock as luxon', (zone, date, minute) => {
    const utc = zoneClock(zone).at(dayOfIsoDate(date), minute);
    const local = DateTime.fromMillis(utc, { zone });
    expect(local.toISODate()).toBe(date);
    expect(local.hour * 60 + local.minute).toBe(minute);
  });
});

describe('ISO writing without Date objects', () => {
  it('writes instants and days exactly as Date.prototype.toISOString does, from 1970 to 2199', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const samples = [0, 951_782_400_000, 4_107_542_399_999, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1)];
    for (let i = 0; i < 5_000; i++) samples.push(Math.floor((next() / 2_147_483_648) * 7_258_118_400_000));
    for (const ms of samples) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      expect(isoDateOfDay(Math.floor(ms / 86_400_000))).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });
});
