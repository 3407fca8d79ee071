import { DEFAULT_JARGON, isExplained, type JargonTerm } from './jargon';
import { kandelMoles } from './readability';
import { splitSentences, words } from './text-units';

/**
 * FALC rules (Inclusion Europe's easy-to-read standard, see legal-and-evidence.md §3.2) as pure
 * functions over one message. Each finding names the rule and the sentence; the linter adds the
 * template, locale, channel and variant.
 */

export const FALC_RULES = [
  'sentence-length',
  'one-idea',
  'jargon',
  'numbers-in-digits',
  'no-percentages',
  'no-abbreviations',
  'double-negation',
  'active-voice',
  'idioms',
  'third-person',
  'nominalisation',
  'readability',
] as const;
export type FalcRuleId = (typeof FALC_RULES)[number];

export interface FalcFinding {
  rule: FalcRuleId;
  sentence: string;
  detail: string;
}

export interface FalcOptions {
  maxWordsPerSentence: number;
  /** Minimum Kandel & Moles score for the whole message. */
  minReadability: number;
  jargon: JargonTerm[];
  /** Upper-case words accepted as ordinary words ("SMS", "STOP"). */
  allowedUppercase: string[];
}

export const DEFAULT_FALC_OPTIONS: FalcOptions = {
  maxWordsPerSentence: 12,
  minReadability: 70,
  jargon: DEFAULT_JARGON,
  allowedUppercase: ['SMS', 'STOP', 'OK'],
};

type SentenceRule = (sentence: string, opts: FalcOptions) => string | null;

export const sentenceLength: SentenceRule = (s, o) => {
  const n = words(s).length;
  return n > o.maxWordsPerSentence ? `${n} mots (maximum ${o.maxWordsPerSentence}).` : null;
};

const CLAUSE_MARKERS =
  /(?:^|[\s,])(qu['’]|(?:et|mais|ou|donc|car|qui|que|dont|lorsque|quand|puisque|parce que|afin que|pour que|tandis que|alors que|si)(?=[\s,.!?;:]|$))/giu;

export const oneIdea: SentenceRule = (s) => {
  if (s.includes(';')) return 'Point-virgule : coupez en deux phrases.';
  const markers = [...s.slice(firstWordEnd(s)).matchAll(CLAUSE_MARKERS)].map((m) => m[1].toLowerCase());
  return markers.length >= 2 ? `Plusieurs idées reliées par « ${markers.join(' », « ')} » : une idée par phrase.` : null;
};

function firstWordEnd(s: string): number {
  const m = /^\s*[\p{L}'’-]+/u.exec(s);
  return m ? m[0].length : 0;
}

const NUMBER_WORDS =
  /(?:^|[^\p{L}])(deux|trois|quatre|cinq|six|sept|huit|neuf(?=\s+(?:mois|jours|semaines|ans|euros|heures))|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cents?|mille|millions?|(?:deux|trois|quatr|cinqu|six|sept|huit|neuv|dix|onz|douz|vingt|cent)ièmes?)(?=[^\p{L}]|$)/iu;

export const numbersInDigits: SentenceRule = (s) => {
  const m = NUMBER_WORDS.exec(s);
  return m ? `Nombre écrit en lettres (« ${m[1]} ») : écrivez-le en chiffres.` : null;
};

export const noPercentages: SentenceRule = (s) =>
  /%|pour ?cent\b|pourcentage/i.test(s) ? 'Pourcentage : dites « la moitié », « peu », « beaucoup ».' : null;

const ROMAN = /(?:^|[^\p{L}])((?=[MDCLXVI]{2,})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?:e|er|ème)?(?=[^\p{L}]|$)/u;
const ABBREVIATION_WORDS =
  /(?:^|[^\p{L}])(etc\.?|ex\.|p\.\s?ex\.|cf\.?|M\.|Mme|Mmes|Mlle|MM\.|Dr|n°|N°|tél\.?|tel\.|rdv|env\.|art\.|c\.-à-d\.|c-à-d|càd|svp|SVP|qqn|qqch|nb|NB|bd|av\.|apt|appt|dépt|dpt|min\.|max\.|sem\.|fév\.|janv\.|sept\.|oct\.|nov\.|déc\.|ste|Ste|st|St)(?=[^\p{L}]|$)/iu;
const UPPERCASE_WORD = /(?:^|[^\p{L}])(\p{Lu}{2,6})(?=[^\p{L}]|$)/gu;

export function noAbbreviations(s: string, o: FalcOptions, sentences: string[], i: number): string | null {
  const roman = ROMAN.exec(s);
  if (roman && roman[1]) return `Chiffre romain « ${roman[1]} » : écrivez-le en chiffres.`;
  const abbr = ABBREVIATION_WORDS.exec(s);
  if (abbr) return `Abréviation « ${abbr[1]} » : écrivez le mot en entier.`;
  for (const m of s.matchAll(UPPERCASE_WORD)) {
    const word = m[1];
    if (o.allowedUppercase.includes(word)) continue;
    const asJargon = o.jargon.find((t) => t.term === word);
    if (asJargon) continue; // reported by the jargon rule
    const pseudo: JargonTerm = { term: word, pattern: new RegExp(`\\b${word}\\b`) };
    if (!isExplained(pseudo, sentences, i)) return `Sigle « ${word} » : écrivez-le en entier ou expliquez-le.`;
  }
  return null;
}

const NEGATION_WORDS =
  /(?:^|[^\p{L}])(pas|plus|jamais|rien|aucune?|personne|sans|non|ni|impossible|interdite?s?|inutiles?|illégale?s?|incorrecte?s?|inconnue?s?)(?=[^\p{L}]|$)/giu;
const NE = /(?:^|[^\p{L}])(ne|n['’])/iu;

export const doubleNegation: SentenceRule = (s) => {
  // "ne … plus rien", "ne … plus jamais", "ne … jamais rien", "ne … plus personne" are one negation.
  const simplified = s.replace(/\b(plus|jamais)\s+(rien|jamais|personne|aucune?)\b/giu, '$1');
  const hits = [...simplified.matchAll(NEGATION_WORDS)].map((m) => m[1].toLowerCase());
  const neCount = NE.test(s) ? 1 : 0;
  // "ne ... plus jamais" and "ne ... rien" are one negation; two markers after "ne", or a "sans" / "non"
  // next to another negation, make a double negation.
  const negations = hits.filter((h) => h !== 'plus' || neCount > 0);
  return negations.length >= 2 && (neCount > 0 || negations.includes('sans') || negations.includes('non'))
    ? `Double négation (« ${negations.join(' », « ')} ») : dites-le de façon positive.`
    : null;
};

const ETRE =
  /(?:^|[^\p{L}])(suis|es|est|sommes|êtes|sont|été|étais|était|étaient|serai|sera|serez|seront|serait|soit|soient|être)\s+(?:(?:bien|déjà|pas|souvent|toujours)\s+)?(\p{L}{2,}(?:é|ée|és|ées|u|ue|us|ues|is|ise|ises|it|ite|its|ites|t|te|ts|tes))(?=[^\p{L}]|$)/giu;
/** Participles of verbs that build their past tense with "être" (active), and frequent adjectives. */
const NOT_PASSIVE = new Set([
  'allé',
  'allée',
  'allés',
  'allées',
  'venu',
  'venue',
  'venus',
  'venues',
  'arrivé',
  'arrivée',
  'arrivés',
  'parti',
  'partie',
  'partis',
  'resté',
  'restée',
  'restés',
  'devenu',
  'devenue',
  'entré',
  'entrée',
  'sorti',
  'sortie',
  'tombé',
  'tombée',
  'né',
  'née',
  'passé',
  'passée',
  'retourné',
  'retournée',
  'revenu',
  'revenue',
  'monté',
  'descendu',
  'gratuit',
  'gratuite',
  'gratuits',
  'petit',
  'petite',
  'tout',
  'toute',
  'tous',
  'toutes',
  'prêt',
  'prête',
  'content',
  'contente',
  'urgent',
  'urgente',
  'important',
  'importante',
  'ouvert',
  'ouverte',
  'absent',
  'absente',
  'présent',
  'présente',
  'salut',
  'début',
  'fort',
  'forte',
  'secret',
  'but',
  'dû',
  'sûr',
  'sûre',
  'juste',
  'différent',
  'différente',
  'possible',
  'seul',
  'seule',
  'haut',
  'faut',
  'écrit',
  'droit',
  'court',
  'courte',
  'complet',
  'complète',
  'nous',
  'vous',
  'plus',
  'sous',
  'tous',
  'refus',
  'inquiet',
  'inquiète',
  'direct',
  'directe',
  'suffisant',
  'vrai',
  'nécessaire',
  'simple',
  'utile',
  // participles used as adjectives of state: "Le tribunal est fermé le dimanche", "Vous êtes marié ?"
  'fermé',
  'fermée',
  'fermés',
  'fermées',
  'ouverts',
  'ouvertes',
  'occupé',
  'occupée',
  'situé',
  'située',
  'marié',
  'mariée',
  'mariés',
  'séparé',
  'séparée',
  'divorcé',
  'divorcée',
  'malade',
  'fatigué',
  'fatiguée',
  'inscrit',
  'inscrite',
  'assis',
  'assise',
  'pressé',
  'pressée',
  'désolé',
  'désolée',
  'gêné',
  'gênée',
  'perdu',
  'perdue',
  'né',
  'seuls',
  'seules',
  'prêts',
  'prêtes',
  'connu',
  'connue',
]);

export const activeVoice: SentenceRule = (s) => {
  for (const m of s.matchAll(ETRE)) {
    const participle = m[2].toLowerCase();
    if (NOT_PASSIVE.has(participle)) continue;
    return `Voix passive (« ${m[1]} ${m[2]} ») : dites qui fait l'action.`;
  }
  return null;
};

/** Metaphors and idioms a reader takes literally ("faire le point", "à la rue", "un coup de pouce"). */
const IDIOMS =
  /(?:^|[^\p{L}])(faire le point|fait le point|faisons le point|à la rue|sans toit|coup de pouce|coup de main|feu vert|tourner la page|bais\p{L}+(?: pas)? les bras|joindre les deux bouts|boule de neige|au pied du mur|dans le rouge|tirer la sonnette d['’]alarme|mettre la clé sous la porte|prendre le taureau par les cornes|faire le premier pas|bout du tunnel|la tête hors de l['’]eau|sur les bras|mettre à plat|remettre à plat|épée de Damoclès|passer l['’]éponge|en un clin d['’]œil|à bras ouverts|porte ouverte|tendre la main|tenir le coup|garder le cap|y voir clair|sortir la tête|vent debout)(?=[^\p{L}]|$)/iu;

export const noIdioms: SentenceRule = (s) => {
  const m = IDIOMS.exec(s);
  return m ? `Image ou expression toute faite (« ${m[1]} ») : dites la chose directement.` : null;
};

/** Addressing the reader as "le locataire", "le ménage", "l'allocataire" instead of "vous". */
const THIRD_PERSON =
  /(?:^|[^\p{L}])((?:le|la|l['’]|du|au)\s*(?:locataire|ménage|occupant|occupante|débiteur|débitrice|allocataire|foyer|intéressée?|requérante?|preneur|bénéficiaire|usager|destinataire)|madame,? monsieur)(?=[^\p{L}]|$)/iu;

export const secondPerson: SentenceRule = (s) => {
  const m = THIRD_PERSON.exec(s);
  return m ? `Le lecteur est désigné à la 3e personne (« ${m[1]} ») : parlez-lui en « vous ».` : null;
};

/** Everyday words ending like nominalisations, which a reader knows. */
const EVERYDAY_NOUNS = new Set([
  'question',
  'questions',
  'solution',
  'solutions',
  'situation',
  'situations',
  'attention',
  'information',
  'informations',
  'allocation',
  'location',
  'locations',
  'allocations',
  'association',
  'associations',
  'commission',
  'station',
  'nation',
  'mission',
  'permission',
  'télévision',
  'maison',
  'raison',
  'saison',
  'prison',
  'urgence',
  'chance',
  'confiance',
  'naissance',
  'présence',
  'France',
  'vacances',
  'enfance',
  'assurance',
  'essence',
  'distance',
  'ambulance',
  'différence',
  'permanence',
  'absence',
  'lettre de relance',
  'décision',
  'décisions',
  'avance',
  'séance',
  'balance',
  'silence',
]);
const NOMINALISATION = /(?:^|[^\p{L}])(\p{L}{4,}(?:tion|sion|ance|ence|issement)s?)(?=[^\p{L}]|$)/giu;
/** Administrative nouns made from verbs, flagged even when their ending is common. */
const ADMIN_NOUNS =
  /(?:^|[^\p{L}])(versement|règlement|recouvrement|signalement|accompagnement|apurement|endettement|relogement|traitement|engagement|manquement|non-paiement)s?(?=[^\p{L}]|$)/iu;

export const noNominalisation: SentenceRule = (s, o) => {
  const admin = ADMIN_NOUNS.exec(s);
  if (admin) return `Nom fait d'un verbe (« ${admin[1]} ») : dites l'action avec un verbe.`;
  for (const m of s.matchAll(NOMINALISATION)) {
    const word = m[1];
    if (EVERYDAY_NOUNS.has(word) || EVERYDAY_NOUNS.has(word.toLowerCase())) continue;
    if (o.jargon.some((t) => t.pattern.test(` ${word} `))) continue; // a legal term: the jargon rule asks for its explanation
    return `Nom fait d'un verbe (« ${word} ») : dites l'action avec un verbe.`;
  }
  return null;
};

/** Runs every FALC rule on one message (an SMS, an email text, a call script...). */
export function checkFalc(text: string, opts: FalcOptions = DEFAULT_FALC_OPTIONS): FalcFinding[] {
  const sentences = splitSentences(text);
  const findings: FalcFinding[] = [];
  const simple: Array<[FalcRuleId, SentenceRule]> = [
    ['sentence-length', sentenceLength],
    ['one-idea', oneIdea],
    ['numbers-in-digits', numbersInDigits],
    ['no-percentages', noPercentages],
    ['double-negation', doubleNegation],
    ['active-voice', activeVoice],
    ['idioms', noIdioms],
    ['third-person', secondPerson],
    ['nominalisation', noNominalisation],
  ];
  sentences.forEach((sentence, i) => {
    for (const [rule, check] of simple) {
      const detail = check(sentence, opts);
      if (detail) findings.push({ rule, sentence, detail });
    }
    const abbr = noAbbreviations(sentence, opts, sentences, i);
    if (abbr) findings.push({ rule: 'no-abbreviations', sentence, detail: abbr });
    for (const t of opts.jargon) {
      if (t.pattern.test(sentence) && !explainedAnywhere(t, sentences)) {
        findings.push({ rule: 'jargon', sentence, detail: `« ${t.term} » n'est pas expliqué dans ce message.` });
      }
    }
  });
  const score = checkReadability(text, opts.minReadability);
  if (score) findings.push(score);
  return findings;
}

/** A term explained once in the message may be used again later in it. */
function explainedAnywhere(t: JargonTerm, sentences: string[]): boolean {
  return sentences.some((s, i) => t.pattern.test(s) && isExplained(t, sentences, i));
}

export function checkReadability(text: string, min: number): FalcFinding | null {
  const r = kandelMoles(text);
  return r.words > 0 && r.kandelMoles < min
    ? {
        rule: 'readability',
        sentence: '(message entier)',
        detail: `Score de lisibilité Kandel-Moles ${r.kandelMoles} (minimum ${min}) : ${r.wordsPerSentence} mots par phrase, ${r.syllablesPerWord} syllabes par mot.`,
      }
    : null;
}
