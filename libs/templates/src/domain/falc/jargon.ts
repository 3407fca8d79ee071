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
  return { term: t, pattern: pattern ?? new RegExp(`(^|[^\\p{L}])${t}(?:s|x)?([^\\p{L}]|$)`, 'iu') };
}

/** Acronyms partners use and tenants do not know, matched in any case ("CAF", "Caf", "caf"). */
const ACRONYMS = [
  'CCAPEX',
  'CQL',
  'CFP',
  'DSF',
  'FSL',
  'APL',
  'ALS',
  'ALF',
  'ADIL',
  'ANIL',
  'DALO',
  'SIAO',
  'CCAS',
  'CAF',
  'MSA',
  'CLIL',
  'DRIHL',
  'PDALHPD',
  'JCP',
  'JEX',
  'AJ',
  'RSA',
  'CESF',
];

export const DEFAULT_JARGON: JargonTerm[] = [
  ...ACRONYMS.map((a) => term(a, new RegExp(`(^|[^\\p{L}])${a}([^\\p{L}]|$)`, 'iu'))),
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
  term('apurement'),
  term('créancier'),
  term('débiteur'),
  term('signification'),
  term('signifier', /(^|[^\p{L}])signifi(é|ée|és|ées|er)([^\p{L}]|$)/iu),
  term('résiliation'),
  term('résilier', /(^|[^\p{L}])résili(er|é|ée)([^\p{L}]|$)/iu),
  term('clause résolutoire'),
  term('échéancier'),
  term('échéance'),
  term('contentieux'),
  term('juridiction'),
  term('saisine'),
  term('recours'),
  term('préfet'),
  term('préfecture'),
  term('allocataire'),
  term('justificatif'),
  term('quittance'),
  term('mise en demeure'),
  term('recouvrement'),
  term('exécutoire'),
  term('expulsion locative'),
  term('occupant sans droit ni titre'),
  term('bailleur'),
  term('preneur'),
  term('indemnité d’occupation', /indemnit[ée] d['’]occupation/i),
  term('droit au logement opposable'),
];

/** Words that name a thing without saying what it does: "une lettre officielle" explains nothing. */
const VAGUE_HEADS =
  /^(un|une|le|la|l['’]|des|les)\s*(papier|lettre|courrier|document|acte|chose|procédure|démarche|texte|formulaire|service|organisme|dossier|étape|moment|mesure)s?\b/i;
/** Signs that an explanation says what the thing does, who does it or what follows. */
const SAYS_WHAT_IT_DOES =
  /\b(qui|que|qu['’]|pour|avec|quand|si|où|dont|vous|demande|dit|aide|aident|décide|vient|vient|peut|doit|paie|paye|donne|explique|regarde|cherche|travaille|représente)\b/i;
/** "X est un…", "X sont des…", "X veut dire…": a definition starts with a determiner, not an adjective ("est écrite"). */
const CUE_IN_SENTENCE =
  /^\s*(?:\([^)]*\)\s*)?(?:(?:est|sont)\s+((?:un|une|le|la|l['’]|des|les)\b.*)|(?:veut dire|veulent dire|signifie|représente|représentent)\s+(.*))$/i;
const NAMED_AFTER = /(s['’]appelle|s['’]appellent|on appelle|c['’]est ce qu['’]on appelle)\s*(l['’]|la|le|les|un|une|des)?\s*$/i;
const CUE_NEXT_SENTENCE =
  /^(?:c['’]est|ce sont|cela veut dire|ça veut dire|cela signifie|ce papier|ce courrier|ce document|ce service|ce rendez-vous|ce fonds|cet organisme|cette personne|ces personnes|ce conseiller|cette commission|il|elle|ils|elles)\s+(.*)$/i;

/** Enough to explain: not a bare label ("une lettre officielle"), and at least 3 words. */
export function isRealExplanation(explanation: string): boolean {
  const text = explanation.replace(/[.!?…]+$/u, '').trim();
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 3) return false;
  return !(VAGUE_HEADS.test(text) && !SAYS_WHAT_IT_DOES.test(text));
}

/** The next sentence goes on explaining ("C'est un agent de la justice.", "Il vous demande de payer."). */
function nextExplains(sentences: string[], i: number, depth = 0): boolean {
  const next = sentences[i + 1]?.trim();
  const cue = next === undefined ? null : CUE_NEXT_SENTENCE.exec(next);
  if (cue === null) return false;
  if (isRealExplanation(cue[1])) return true;
  // "C'est une lettre officielle. Elle vous demande de partir.": the label, then what it does.
  return depth === 0 && nextExplains(sentences, i + 1, 1);
}

/**
 * True when `sentences[i]` explains the term it contains ("L'audience est un rendez-vous avec le
 * juge"), names what the previous sentence said ("Ce rendez-vous s'appelle une audience"), or the
 * next sentence explains it ("C'est un agent de la justice qui…"). A label is no explanation:
 * "C'est une lettre officielle", "La date est écrite", "Le préfet est le représentant" are sham
 * explanations; a label followed by what the thing does ("Il vous demande de payer") is not.
 */
export function isExplained(t: JargonTerm, sentences: string[], i: number): boolean {
  const s = sentences[i];
  const m = t.pattern.exec(s);
  if (!m) return false;
  const matched = m[0];
  const start = m.index + (/^[^\p{L}]/u.test(matched) ? 1 : 0);
  const end = m.index + matched.length - (/[^\p{L}]$/u.test(matched) ? 1 : 0);
  const inSentence = CUE_IN_SENTENCE.exec(s.slice(end));
  if (inSentence) {
    const explanation = inSentence[1] ?? inSentence[2] ?? '';
    if (isRealExplanation(explanation)) return true;
    if (nextExplains(sentences, i)) return true; // "X est un papier officiel. Il vous demande de payer."
  }
  if (i > 0 && NAMED_AFTER.test(s.slice(0, start)) && isRealExplanation(sentences[i - 1])) return true;
  return nextExplains(sentences, i);
}
