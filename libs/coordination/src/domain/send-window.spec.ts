import { dayOfIsoDate, isoDateOfDay, zoneClock } from './calendar';
import type { LegalDelay, Playbook, WeeklyWindow } from './playbook.schema';
import { applicableDelay, isAllowedInstant, nextAllowedInstant, shiftInstant, winterTruceEnd } from './send-window';

const smsHours: WeeklyWindow = {
  days: [1, 2, 3, 4, 5],
  ranges: [
    { from: '10:00', to: '13:00' },
    { from: '14:00', to: '20:00' },
  ],
  allowPublicHolidays: false,
};
const paris = { clock: zoneClock('Europe/Paris'), territory: '93' };

describe('send windows', () => {
  it.each([
    ['Saturday morning goes to Monday 10:00', '2026-11-07T09:00:00+01:00', '2026-11-09T10:00:00+01:00'],
    ['lunch break goes to 14:00', '2026-11-04T13:30:00+01:00', '2026-11-04T14:00:00+01:00'],
    ['20:00 is closed, next day 10:00', '2026-11-04T20:00:00+01:00', '2026-11-05T10:00:00+01:00'],
    ['19:59 is still open', '2026-11-06T19:59:00+01:00', '2026-11-06T19:59:00+01:00'],
    ['Armistice day (Wednesday) is skipped', '2026-11-11T11:00:00+01:00', '2026-11-12T10:00:00+01:00'],
    ['Easter Monday is skipped', '2026-04-06T11:00:00+02:00', '2026-04-07T10:00:00+02:00'],
    ['Sunday of the spring DST change goes to Monday 10:00 CEST', '2026-03-29T01:30:00+01:00', '2026-03-30T10:00:00+02:00'],
    ['Sunday of the autumn DST change goes to Monday 10:00 CET', '2026-10-25T02:30:00+01:00', '2026-10-26T10:00:00+01:00'],
    ['Friday night before a DST weekend', '2026-03-27T21:00:00+01:00', '2026-03-30T10:00:00+02:00'],
  ])('%s', (_label, from, expected) => {
    expect(nextAllowedInstant(Date.parse(from), smsHours, paris)).toBe(Date.parse(expected));
  });

  it('uses the household time zone (Réunion is UTC+4)', () => {
    const reunion = { clock: zoneClock('Indian/Reunion'), territory: '974' };
    const next = nextAllowedInstant(Date.parse('2026-11-04T06:00:00Z'), smsHours, reunion);
    expect(new Date(next ?? 0).toISOString()).toBe('2026-11-04T06:00:00.000Z');
    expect(isAllowedInstant(Date.parse('2026-11-04T05:59:00Z'), smsHours, reunion)).toBe(false);
  });

  it('skips Good Friday only where Alsace-Moselle holidays apply', () => {
    const from = Date.parse('2026-04-03T11:00:00+02:00');
    expect(nextAllowedInstant(from, smsHours, paris)).toBe(from);
    const alsace = { clock: zoneClock('Europe/Paris'), territory: '67' };
    expect(nextAllowedInstant(from, smsHours, alsace)).toBe(Date.parse('2026-04-07T10:00:00+02:00'));
  });

  it('keeps the wall-clock time when moving across a DST change', () => {
    const shifted = shiftInstant(Date.parse('2026-03-27T10:00:00+01:00'), { amount: 3, unit: 'days' }, paris);
    expect(shifted).toBe(Date.parse('2026-03-30T10:00:00+02:00'));
    const back = shiftInstant(Date.parse('2026-11-02T10:00:00+01:00'), { amount: -5, unit: 'workingDays' }, paris);
    expect(back).toBe(Date.parse('2026-10-26T10:00:00+01:00'));
  });
});

describe('winter truce', () => {
  const truce: Playbook['winterTruce'] = {
    start: '11-01',
    end: '03-31',
    source: 'CPCE art. L412-6',
    extensions: [{ season: 2020, until: '2021-05-31', source: 'Ordonnance n° 2021-141' }],
  };
  it.each([
    ['2026-10-31', null],
    ['2026-11-01', '2027-04-01'],
    ['2027-01-15', '2027-04-01'],
    ['2027-03-31', '2027-04-01'],
    ['2027-04-01', null],
    ['2021-05-15', '2021-06-01'],
    ['2021-06-01', null],
  ])('on %s the truce ends on %s', (date, expected) => {
    const end = winterTruceEnd(dayOfIsoDate(date), truce);
    expect(end === null ? null : isoDateOfDay(end)).toBe(expected);
  });
});

describe('legal delays', () => {
  const delays: LegalDelay[] = [
    {
      id: 'cdp',
      label: 'deux mois',
      amount: 2,
      unit: 'months',
      source: 'loi 89-462 art. 24 ancien',
      appliesFrom: '1989-07-08',
      appliesUntil: null,
      when: { leaseSignedBefore: '2023-07-29' },
    },
    {
      id: 'cdp',
      label: 'six semaines',
      amount: 6,
      unit: 'weeks',
      source: 'loi 2023-668 art. 10',
      appliesFrom: '2023-07-29',
      appliesUntil: null,
      when: { leaseSignedFrom: '2023-07-29' },
    },
    {
      id: 'prefet',
      label: 'deux mois',
      amount: 2,
      unit: 'months',
      source: 'loi 89-462 art. 24 III ancien',
      appliesFrom: '1989-07-08',
      appliesUntil: '2023-07-28',
      when: {},
    },
    {
      id: 'prefet',
      label: 'six semaines',
      amount: 6,
      unit: 'weeks',
      source: 'loi 2023-668 art. 10',
      appliesFrom: '2023-07-29',
      appliesUntil: null,
      when: {},
    },
  ];
  it.each([
    ['cdp', '2026-02-01', '2020-05-01', 'deux mois'],
    ['cdp', '2026-02-01', '2023-07-28', 'deux mois'],
    ['cdp', '2026-02-01', '2023-07-29', 'six semaines'],
    ['cdp', '2026-02-01', null, 'six semaines'],
    ['cdp', '2023-06-01', null, 'deux mois'],
    ['prefet', '2023-07-28', null, 'deux mois'],
    ['prefet', '2023-07-29', null, 'six semaines'],
  ])('%s on %s with lease %s -> %s', (id, reference, lease, expected) => {
    expect(applicableDelay(delays, id, reference, { leaseSignedOn: lease, landlordKind: 'prive' })?.label).toBe(expected);
  });
});
