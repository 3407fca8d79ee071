import type { AnalyticsReport } from '../analytics.service';

const esc = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : (x * 100).toFixed(1).replace('.', ','));
const count = (c: { value: number | null; hidden: boolean }) => (c.hidden ? '< 10 (masqué)' : String(c.value));

type Cell = { value: number | null; hidden: boolean };
type RateCells = { rate?: number | null; interval?: { low: number; high: number } | null };

/** A line of households that answered or not: counts, rate and its 95 % interval. */
const rateLine = (section: string, key: string, detail: string, households: Cell, responders: Cell, r: RateCells) =>
  [
    section,
    esc(key),
    esc(detail),
    count(households),
    count(responders),
    pct(r.rate),
    pct(r.interval?.low),
    pct(r.interval?.high),
    '',
    '',
  ].join(';');

const decimal = (x: number | null) => (x === null ? '' : String(x).replace('.', ','));

/** The report as one CSV (semicolons, decimal commas: French spreadsheets), hidden cells as « < 10 (masqué) ». */
export function reportCsv(report: AnalyticsReport): string {
  const lines = ['section;cle;detail;foyers;repondants;taux_pct;ic95_bas_pct;ic95_haut_pct;avant;apres'];
  for (const v of report.variants) lines.push(rateLine('variante', `${v.purpose}/${v.channel}`, v.variant, v.households, v.responders, v));
  for (const f of report.funnel) lines.push(['entonnoir', f.step, esc(f.label), count(f.households), '', '', '', '', '', ''].join(';'));
  for (const c of report.coordination)
    lines.push(
      ['coordination', c.dimension, esc(c.value), count(c.households), '', '', '', '', decimal(c.before), decimal(c.after)].join(';'),
    );
  for (const e of report.experiments)
    for (const a of [...e.arms, ...(e.holdout ? [e.holdout] : [])])
      lines.push(rateLine('experience', e.key, `${a.arm} ${a.variant ?? 'défaut'}`, a.units, a.responders, a));
  return `${lines.join('\n')}\n`;
}
