import { canonicalFirstNameToken } from './name-variants';
import { frenchPhonetic } from './phonetic';
import { fold, tokens } from './text';

/** Surname particles: kept in the full form, dropped from the core ("DOS SANTOS" ~ "SANTOS"). */
const PARTICLES = new Set([
  'DE',
  'DU',
  'DES',
  'DA',
  'DI',
  'DO',
  'DOS',
  'DAS',
  'VAN',
  'VON',
  'DER',
  'DEN',
  'LE',
  'LA',
  'EL',
  'AL',
  'D',
  'L',
  'MC',
  'MAC',
  'O',
]);
/** Titles and noise that partners sometimes leave in name fields. */
const NOISE = new Set(['M', 'MR', 'MME', 'MLLE', 'MONSIEUR', 'MADAME', 'MADEMOISELLE', 'EPOUSE', 'EP', 'NEE', 'VEUVE', 'VVE']);

export interface NormalisedName {
  /** All tokens joined without spaces: "DOSSANTOS", "JEANPIERRE". Empty when unknown. */
  readonly full: string;
  /** Tokens without particles, joined: "SANTOS". */
  readonly core: string;
  /** Each significant token (for "Marie Claire" vs "Marie"). */
  readonly parts: readonly string[];
  readonly phonetic: string;
}

export const EMPTY_NAME: NormalisedName = { full: '', core: '', parts: [], phonetic: '' };

function build(parts: string[], core: string[]): NormalisedName {
  const full = parts.join('');
  if (full.length === 0) return EMPTY_NAME;
  const coreJoined = core.join('') || full;
  return { full, core: coreJoined, parts, phonetic: frenchPhonetic(coreJoined) };
}

export function normaliseLastName(raw: string | null | undefined): NormalisedName {
  const all = tokens(fold(raw)).filter((t) => !NOISE.has(t) && !/^\d+$/.test(t));
  const core = all.filter((t) => !PARTICLES.has(t));
  return build(all, core);
}

export function normaliseFirstName(raw: string | null | undefined): NormalisedName {
  const all = tokens(fold(raw)).filter((t) => !NOISE.has(t) && !/^\d+$/.test(t));
  // "ABDEL KADER" and "ABDELKADER" must meet: map the joined form too.
  const joined = canonicalFirstNameToken(all.join(''));
  if (all.length > 1 && joined !== all.join('')) return build([joined], [joined]);
  const parts = all.map(canonicalFirstNameToken);
  return build(parts, parts);
}
