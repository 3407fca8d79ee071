import { PlaybookCatalog } from '@unisson/coordination';
import { callbackDecision, callbackReason, callbackSlotsOf, callbackWindow, SOONEST_SLOT } from './callback-requests';

const catalog = PlaybookCatalog.load();
const hours = catalog.forTerritory('93', '2026-12-07').contactHours.call!;
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

describe('call-back slots: the playbook’s call hours, one definition', () => {
  it('offers « as soon as possible » and each range of the call hours, nothing outside them (no Saturday, no 9:00)', () => {
    expect(callbackSlotsOf(hours)).toEqual([
      { id: SOONEST_SLOT, days: [1, 2, 3, 4, 5], from: null, to: null },
      { id: '10:00-13:00', days: [1, 2, 3, 4, 5], from: '10:00', to: '13:00' },
      { id: '14:00-20:00', days: [1, 2, 3, 4, 5], from: '14:00', to: '20:00' },
    ]);
    expect(callbackSlotsOf(undefined)).toEqual([]);
  });

  it('follows a playbook whose call hours differ (every territory’s playbook, overseas included)', () => {
    const other = { days: [2, 4], ranges: [{ from: '15:00', to: '18:00' }], allowPublicHolidays: false };
    expect(callbackSlotsOf(other).map((s) => s.id)).toEqual([SOONEST_SLOT, '15:00-18:00']);
  });
});

describe('call-back windows: the slot chosen, in the household’s zone, within the call hours', () => {
  it('an afternoon asked on Saturday is Monday 14:00–20:00 Paris time', () => {
    const saturday = Date.parse('2026-12-05T10:00:00Z');
    const window = callbackWindow('14:00-20:00', saturday, hours, 'Europe/Paris', '93')!;
    expect(iso(window.from)).toBe('2026-12-07T13:00:00.000Z');
    expect(iso(window.until)).toBe('2026-12-07T19:00:00.000Z');
  });

  it('a morning asked on a weekday afternoon is the next weekday morning; inside the slot it is now', () => {
    const tuesdayAfternoon = Date.parse('2026-12-08T15:00:00Z');
    expect(iso(callbackWindow('10:00-13:00', tuesdayAfternoon, hours, 'Europe/Paris', '93')!.from)).toBe('2026-12-09T09:00:00.000Z');
    const tuesdayMorning = Date.parse('2026-12-08T10:30:00Z');
    const window = callbackWindow('10:00-13:00', tuesdayMorning, hours, 'Europe/Paris', '93')!;
    expect(iso(window.from)).toBe('2026-12-08T10:30:00.000Z');
    expect(iso(window.until)).toBe('2026-12-08T12:00:00.000Z');
  });

  it('counts the slot in the household’s own time zone (La Réunion, UTC+4; Guadeloupe, UTC−4)', () => {
    const monday = Date.parse('2026-12-07T05:00:00Z');
    expect(iso(callbackWindow('10:00-13:00', monday, hours, 'Indian/Reunion', '974')!.from)).toBe('2026-12-07T06:00:00.000Z');
    expect(iso(callbackWindow('14:00-20:00', monday, hours, 'America/Guadeloupe', '971')!.from)).toBe('2026-12-07T18:00:00.000Z');
  });

  it('« as soon as possible » is the first instant of the call hours; public holidays are skipped', () => {
    const christmasEvening = Date.parse('2026-12-24T19:30:00Z');
    expect(iso(callbackWindow(SOONEST_SLOT, christmasEvening, hours, 'Europe/Paris', '93')!.from)).toBe('2026-12-28T09:00:00.000Z');
  });

  it('a slot the call hours do not have gives no window (the old « samedi matin »)', () => {
    expect(callbackWindow('saturday_morning', Date.now(), hours, 'Europe/Paris', '93')).toBeNull();
    expect(callbackWindow('09:00-12:00', Date.now(), hours, 'Europe/Paris', '93')).toBeNull();
  });

  it('says the slot in French for the plan and the worklist', () => {
    const window = callbackWindow('14:00-20:00', Date.parse('2026-12-05T10:00:00Z'), hours, 'Europe/Paris', '93')!;
    expect(callbackReason('14:00-20:00', window, 'Europe/Paris')).toBe(
      'Rappel demandé par le ménage (créneau de 14:00 à 20:00 : lun. 7 déc., 14:00–20:00 (heure de Paris))',
    );
  });
});

describe('one open call-back task per household', () => {
  const open = { state: 'pending' as const, slot: '10:00-13:00', notBefore: 1 };
  it('creates one when none is open', () => expect(callbackDecision(null, '10:00-13:00', { from: 5 })).toEqual({ kind: 'create' }));
  it('keeps it for the same slot (double submit, the voice menu and the page both)', () =>
    expect(callbackDecision(open, '10:00-13:00', { from: 5 })).toEqual({ kind: 'keep', why: 'sameSlot' }));
  it('moves it to a new slot', () =>
    expect(callbackDecision(open, '14:00-20:00', { from: 9 })).toEqual({ kind: 'move', slot: '14:00-20:00', notBefore: 9 }));
  it('does not move a task a caller holds', () => {
    for (const state of ['reserved', 'assigned', 'wrap_up'] as const)
      expect(callbackDecision({ ...open, state }, '14:00-20:00', { from: 9 })).toEqual({ kind: 'keep', why: 'beingWorked' });
  });
});
