import type { AnalyticsReport } from '../analytics.service';

const esc = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : (x * 100).toFixed(1).replace('.', ','));
const count = (c: { value: number | null; hidden: boolean }) => (c.hidden ? '< 10 (masqué)' : String(c.value));

/** The report as one CSV (semicolons, decimal commas: French spreadsheets), hidden cells as « < 10 (masqué) ». */
export function reportCsv(report: AnalyticsReport): string {
  const lines = ['section;cle;detail;foyers;repondants;taux_pct;ic95_bas_pct;ic95_haut_pct;avant;apres'];
  for (const v of report.variants)
    lines.push(
      [
        'variante',
        esc(`${v.purpose}/${v.channel}`),
        esc(v.variant),
        count(v.households),
        count(v.responders),
        pct(v.rate),
        pct(v.interval?.low),
        pct(v.interval?.high),
        '',
        '',
      ].join(';'),
    );
  for (const f of report.funnel) lines.push(['entonnoir', f.step, esc(f.label), count(f.households), '', '', '', '', '', ''].join(';'));
  for (const c of report.coordination)
    lines.push(
      [
        'coordination',
        c.dimension,
        esc(c.value),
        count(c.households),
        '',
        '',
        '',
        '',
        c.before === null ? '' : String(c.before).replace('.', ','),
        c.after === null ? '' : String(c.after).replace('.', ','),
      ].join(';'),
    );
  for (const e of report.experiments)
    for (const a of [...e.arms, ...(e.holdout ? [e.holdout] : [])])
      lines.push(
        [
          'experience',
          esc(e.key),
          esc(`${a.arm} ${a.variant ?? 'défaut'}`),
          count(a.units),
          count(a.responders),
          pct(a.rate),
          pct(a.interval?.low),
          pct(a.interval?.high),
          '',
          '',
        ].join(';'),
      );
  return `${lines.join('\n')}\n`;
}
