import { PlaybookCatalog } from '@unisson/coordination';
import { describeDueWindow, dueWindow } from './due-window';

const hours = PlaybookCatalog.load().forTerritory('93', '2026-12-07').contactHours.call!;

describe('due windows', () => {
  it('moves a task due on Saturday evening to Monday 10:00 Paris time, until the lunch break', () => {
    const saturday = Date.parse('2026-12-05T19:00:00Z');
    const window = dueWindow(saturday, hours, 'Europe/Paris', '93');
    expect(new Date(window.from!).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(new Date(window.until!).toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(describeDueWindow(window, 'Europe/Paris')).toBe('lun. 7 déc., 10:00–13:00 (heure de Paris)');
  });

  it('counts the hours in the household’s own time zone (La Réunion)', () => {
    const window = dueWindow(Date.parse('2026-12-07T05:00:00Z'), hours, 'Indian/Reunion', '974');
    // 09:00 in Saint-Denis (UTC+4) is before 10:00: the window opens at 10:00 local, 06:00 UTC.
    expect(new Date(window.from!).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    expect(describeDueWindow(window, 'Indian/Reunion')).toContain('heure locale, Indian/Reunion');
  });

  it('skips public holidays (25 December)', () => {
    const window = dueWindow(Date.parse('2026-12-25T09:30:00Z'), hours, 'Europe/Paris', '93');
    expect(new Date(window.from!).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });
});
