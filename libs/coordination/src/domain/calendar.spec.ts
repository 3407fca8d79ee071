import { DateTime } from 'luxon';
import {
  addWorkingDays,
  dayOfIsoDate,
  easterSunday,
  isPublicHoliday,
  publicHolidays,
  isoDateOfDay,
  isoInstant,
  timeZoneOfPostalCode,
  timeZoneOfTerritory,
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
    const holidays = publicHolidays(2026, '75');
    expect(holidays).toHaveLength(11);
    expect(holidays.map((h) => h.date)).toEqual(
      expect.arrayContaining(['2026-04-06', '2026-05-14', '2026-05-25', '2026-07-14', '2026-11-11']),
    );
  });

  it('adds Good Friday and 26 December in Alsace-Moselle (57, 67, 68) only', () => {
    for (const territory of ['57', '67', '68']) {
      expect(isPublicHoliday(dayOfIsoDate('2026-04-03'), territory)).toBe(true);
      expect(isPublicHoliday(dayOfIsoDate('2026-12-26'), territory)).toBe(true);
      expect(publicHolidays(2026, territory)).toHaveLength(13);
    }
    expect(isPublicHoliday(dayOfIsoDate('2026-04-03'), '54')).toBe(false);
    expect(isPublicHoliday(dayOfIsoDate('2026-12-26'), '93')).toBe(false);
  });

  /** Décret n° 83-1003 du 23 novembre 1983 (abolition de l'esclavage), modifié pour Mayotte (loi n° 2011-1978). */
  const ABOLITION_DAY: Record<string, string> = { '971': '05-27', '972': '05-22', '973': '06-10', '974': '12-20', '976': '04-27' };

  it('gives every overseas département its abolition-of-slavery day over twenty years, and metropolitan France none of them', () => {
    for (let year = 2020; year < 2040; year += 1) {
      for (const [territory, monthDay] of Object.entries(ABOLITION_DAY)) {
        const day = dayOfIsoDate(`${year}-${monthDay}`);
        expect(isPublicHoliday(day, territory)).toBe(true);
        expect(isPublicHoliday(day, '75')).toBe(publicHolidays(year, '75').some((h) => h.date === `${year}-${monthDay}`));
      }
    }
  });

  it('agrees with our own computus for the moving holidays over twenty years (Easter Monday, Ascension, Whit Monday, Good Friday in 67)', () => {
    for (let year = 2020; year < 2040; year += 1) {
      const easter = easterSunday(year);
      for (const offset of [1, 39, 50]) expect(isPublicHoliday(easter + offset, '93')).toBe(true);
      expect(isPublicHoliday(easter - 2, '67')).toBe(true);
      expect(isPublicHoliday(easter - 2, '93')).toBe(false);
      expect(publicHolidays(year, '93')).toHaveLength(11);
    }
  });

  it.each([
    ['971', 'America/Guadeloupe'],
    ['972', 'America/Martinique'],
    ['973', 'America/Cayenne'],
    ['974', 'Indian/Reunion'],
    ['976', 'Indian/Mayotte'],
    ['2A', 'Europe/Paris'],
    ['75', 'Europe/Paris'],
  ])('time zone of territory %s is %s', (territory, zone) => {
    expect(timeZoneOfTerritory(territory)).toBe(zone);
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
    expect(isoDateOfDay(addWorkingDays(dayOfIsoDate(from), n, '93'))).toBe(expected);
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
