import { escapeHtml } from '@unisson/platform';

/**
 * Server-rendered SVG charts (no script, nothing loaded from outside): horizontal bars with an
 * optional 95 % interval, and paired bars (before / after). Hidden cells are drawn as a hatched
 * « < 10 » bar without length, so the chart never shows what the table hides.
 */
export interface BarDatum {
  label: string;
  value: number | null;
  interval?: { low: number; high: number } | null;
  /** Text at the end of the bar. */
  text: string;
}

const W = 900;
const LABEL = 300;
const ROW = 26;
const PLOT = W - LABEL - 190;

export function barChart(title: string, data: readonly BarDatum[], max?: number): string {
  const top = Math.max(1e-9, max ?? Math.max(...data.map((d) => Math.max(d.value ?? 0, d.interval?.high ?? 0)), 0));
  const h = data.length * ROW + 30;
  const x = (v: number) => LABEL + (v / top) * PLOT;
  const rows = data
    .map((d, i) => {
      const y = 20 + i * ROW;
      const label = `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end" font-size="12">${escapeHtml(d.label)}</text>`;
      if (d.value === null)
        return `${label}<rect x="${LABEL}" y="${y + 3}" width="60" height="16" fill="url(#hatch)" stroke="#999"/><text x="${LABEL + 68}" y="${y + 15}" font-size="12" fill="#555">${escapeHtml(d.text)}</text>`;
      const bar = `<rect x="${LABEL}" y="${y + 3}" width="${Math.max(1, x(d.value) - LABEL).toFixed(1)}" height="16" fill="#000091" rx="2"/>`;
      const ci = d.interval
        ? `<line x1="${x(d.interval.low).toFixed(1)}" x2="${x(d.interval.high).toFixed(1)}" y1="${y + 11}" y2="${y + 11}" stroke="#e1000f" stroke-width="2"/>` +
          `<line x1="${x(d.interval.low).toFixed(1)}" x2="${x(d.interval.low).toFixed(1)}" y1="${y + 5}" y2="${y + 17}" stroke="#e1000f" stroke-width="2"/>` +
          `<line x1="${x(d.interval.high).toFixed(1)}" x2="${x(d.interval.high).toFixed(1)}" y1="${y + 5}" y2="${y + 17}" stroke="#e1000f" stroke-width="2"/>`
        : '';
      const end = Math.max(x(d.value), d.interval ? x(d.interval.high) : 0);
      return `${label}${bar}${ci}<text x="${(end + 6).toFixed(1)}" y="${y + 15}" font-size="12">${escapeHtml(d.text)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${W} ${h}" width="100%" style="max-width:${W}px" xmlns="http://www.w3.org/2000/svg">
<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="2"/></pattern></defs>
<title>${escapeHtml(title)}</title>${rows}</svg>`;
}

export interface PairDatum {
  label: string;
  before: number | null;
  after: number | null;
}

export function beforeAfterChart(title: string, data: readonly PairDatum[]): string {
  const top = Math.max(1e-9, ...data.map((d) => Math.max(d.before ?? 0, d.after ?? 0)));
  const rowH = 40;
  const h = data.length * rowH + 56;
  const x = (v: number) => LABEL + (v / top) * PLOT;
  const rows = data
    .map((d, i) => {
      const y = 46 + i * rowH;
      const label = `<text x="${LABEL - 8}" y="${y + 18}" text-anchor="end" font-size="12">${escapeHtml(d.label)}</text>`;
      if (d.before === null || d.after === null)
        return `${label}<rect x="${LABEL}" y="${y + 6}" width="60" height="22" fill="url(#hatch2)" stroke="#999"/><text x="${LABEL + 68}" y="${y + 21}" font-size="12" fill="#555">&lt; 10 foyers (masqué)</text>`;
      return (
        `${label}<rect x="${LABEL}" y="${y + 2}" width="${Math.max(1, x(d.before) - LABEL).toFixed(1)}" height="14" fill="#b7b7d6"/>` +
        `<text x="${(x(d.before) + 6).toFixed(1)}" y="${y + 13}" font-size="11">${d.before.toFixed(1).replace('.', ',')} demandés</text>` +
        `<rect x="${LABEL}" y="${y + 18}" width="${Math.max(1, x(d.after) - LABEL).toFixed(1)}" height="14" fill="#000091"/>` +
        `<text x="${(x(d.after) + 6).toFixed(1)}" y="${y + 29}" font-size="11">${d.after.toFixed(1).replace('.', ',')} envoyés</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${W} ${h}" width="100%" style="max-width:${W}px" xmlns="http://www.w3.org/2000/svg">
<defs><pattern id="hatch2" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="2"/></pattern></defs>
<title>${escapeHtml(title)}</title>
<rect x="${LABEL}" y="6" width="12" height="10" fill="#b7b7d6"/><text x="${LABEL + 16}" y="15" font-size="11">messages demandés par les partenaires (sans coordination)</text>
<rect x="${LABEL}" y="22" width="12" height="10" fill="#000091"/><text x="${LABEL + 16}" y="31" font-size="11">messages envoyés par Unisson</text>${rows}</svg>`;
}
