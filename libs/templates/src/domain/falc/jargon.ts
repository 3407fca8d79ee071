/**
 * Words a tenant cannot be expected to know (domain.md: "CCAPEX, CQL, CFP, DSF, FSL mean nothing
 * to a tenant"). In the FALC locale each one must be absent, or explained in the same message:
 * in the sentence that uses it ("L'audience est le rendez-vous avec le juge") or in the next one
 * ("C'est ...", "Cela veut dire ...").
 */
export interface JargonTerm {
  term: string;
  pattern: RegExp;
}

function term(t: string, pattern?: RegExp): JargonTerm {
  return { term: t, pattern: pattern ?? new RegExp(`(^|[^\\p{L}])${t}([^\\p{L}]|$)`, 'iu') };
}

export const DEFAULT_JARGON: JargonTerm[] = [
  term('CCAPEX', /\bCCAPEX\b/),
  term('CQL', /\bCQL\b/),
  term('CFP', /\bCFP\b/),
  term('DSF', /\bDSF\b/),
  term('FSL', /\bFSL\b/),
  term('APL', /\bAPL\b/),
  term('ADIL', /\bADIL\b/),
  term('DALO', /\bDALO\b/),
  term('SIAO', /\bSIAO\b/),
  term('CCAS', /\bCCAS\b/),
  term('CAF', /\bCAF\b/),
  term('assignation'),
  term('commandement'),
  term('commissaire de justice'),
  term('huissier'),
  term('concours de la force publique'),
  term('force publique'),
  term('diagnostic social'),
  term('fonds de solidarité'),
  term('trêve hivernale'),
  term('audience'),
  term('aide juridictionnelle'),
  term('plan d’apurement', /plan d['’]apurement/i),
  term('créancier'),
  term('débiteur'),
  term('signification'),
];

const CUE_IN_SENTENCE =
  /(c['’]est|ce sont|veut dire|signifie|est une?|est le|est la|est l['’]|sont des|s['’]appelle|qui aide|qui vous aide|qui peut vous aider)/i;
const CUE_NEXT_SENTENCE =
  /^(c['’]est|ce sont|cela veut dire|ça veut dire|cela signifie|cette|ce papier|ce courrier|ce document|ce service|ce rendez-vous|ce fonds|ces personnes|cet organisme|elle|il)\b/i;

/** True when `sentences[i]` explains the term it contains, or the next sentence does. */
export function isExplained(t: JargonTerm, sentences: string[], i: number): boolean {
  const s = sentences[i];
  const m = t.pattern.exec(s);
  if (m && CUE_IN_SENTENCE.test(s.slice(m.index))) return true;
  const next = sentences[i + 1];
  return next !== undefined && CUE_NEXT_SENTENCE.test(next.trim());
}
