import { POSTAGE_LABELS, type PostageClass } from './postage';

/** One letter of a print batch, as the printer's manifest lists it. */
export interface ManifestRow {
  trackingCode: string;
  /** First page of the letter in the merged PDF (1-based). */
  firstPage: number;
  pages: number;
  postageClass: PostageClass;
  addressLines: string[];
}

const cell = (v: string | number) => {
  const s = String(v);
  return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const MANIFEST_HEADER = [
  'code_suivi',
  'premiere_page',
  'pages',
  'affranchissement',
  'ligne1',
  'ligne2',
  'ligne3',
  'ligne4',
  'ligne5',
  'ligne6',
];

/** The manifest CSV (semicolon-separated, as French spreadsheets read it), one line per letter, and the totals line. */
export function manifestCsv(rows: ManifestRow[]): string {
  const lines = [MANIFEST_HEADER.join(';')];
  for (const row of rows) {
    const address = [...row.addressLines, '', '', '', '', '', ''].slice(0, 6);
    lines.push([row.trackingCode, row.firstPage, row.pages, POSTAGE_LABELS[row.postageClass], ...address].map(cell).join(';'));
  }
  return `${lines.join('\n')}\n`;
}

/** First pages in the merged PDF, from each letter's page count. */
export function withFirstPages<T extends { pages: number }>(letters: T[]): Array<T & { firstPage: number }> {
  let next = 1;
  return letters.map((l) => {
    const firstPage = next;
    next += l.pages;
    return { ...l, firstPage };
  });
}

/** Counts per postage class: what the batch costs to post. */
export function postageTotals(
  rows: Array<{ postageClass: PostageClass; pages: number }>,
): Record<PostageClass, { letters: number; pages: number }> {
  const totals = {
    lettre_simple: { letters: 0, pages: 0 },
    lettre_suivie: { letters: 0, pages: 0 },
    lettre_recommandee: { letters: 0, pages: 0 },
  };
  for (const r of rows) {
    totals[r.postageClass].letters++;
    totals[r.postageClass].pages += r.pages;
  }
  return totals;
}
