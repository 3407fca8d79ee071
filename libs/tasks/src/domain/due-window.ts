/**
 * When a task is to be worked: inside the playbook's hours for its channel, in the household's
 * time zone (overseas départements have their own), never on a public holiday. Pure.
 */
import { DAY_MS, nextAllowedInstant, WeeklyWindow, zoneClock } from '@unisson/coordination';

export interface DueWindow {
  /** First instant the task may be worked (epoch ms), or null when the hours allow none. */
  from: number | null;
  /** End of that stretch of hours (epoch ms). */
  until: number | null;
}

export function dueWindow(notBefore: number, hours: WeeklyWindow, timeZone: string, territory: string): DueWindow {
  const clock = zoneClock(timeZone);
  const from = nextAllowedInstant(notBefore, hours, { clock, territory });
  if (from === null) return { from: null, until: null };
  const local = clock.toLocal(from);
  const day = Math.floor(local / DAY_MS);
  const minute = (local - day * DAY_MS) / 60_000;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const range = hours.ranges.find((r) => minute >= toMinutes(r.from) && minute < toMinutes(r.to));
  return { from, until: range ? clock.at(day, toMinutes(range.to)) : null };
}

const LOCAL = new Map<string, Intl.DateTimeFormat>();

/** "lun. 7 déc., 14:00–20:00 (heure de Paris)": how the worklist shows a due window. */
export function describeDueWindow(window: DueWindow, timeZone: string): string {
  if (window.from === null) return 'aucun créneau dans les horaires du playbook';
  let format = LOCAL.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    LOCAL.set(timeZone, format);
  }
  const hour = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
  const zoneName = timeZone === 'Europe/Paris' ? 'heure de Paris' : `heure locale, ${timeZone}`;
  const end = window.until !== null ? `–${hour.format(window.until)}` : '';
  return `${format.format(window.from)}${end} (${zoneName})`;
}
