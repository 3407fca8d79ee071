import { NormalisedName } from './normalise-name';
import { HousingUnit } from './normalise-address';
import { BirthDate, NormalisedRecord } from './record';
import { editDistance, jaroWinkler } from './similarity';

/** Level index of one field comparison; MISSING when either side lacks the field. */
export const MISSING = -1;

export interface ComparisonDefinition {
  readonly field: string;
  /** Human labels, index = level; higher index = stronger agreement. */
  readonly levels: readonly string[];
  readonly compare: (a: NormalisedRecord, b: NormalisedRecord) => number;
  /**
   * Rough evidence of each level (positive = agreement), used only to seed EM with a first
   * split of the candidate pairs; EM then estimates the real m/u probabilities from the data.
   */
  readonly seed: readonly number[];
  /** Compared only inside a subset of pairs (same building): u cannot come from random pairs. */
  readonly conditional?: boolean;
  /** Evidence used only by the co-resident model (the person model already weighs names). */
  readonly coResidentOnly?: boolean;
}

const EXACT = 2;
const CLOSE = 1;
const DIFFERENT = 0;

/** Agreement of two names: 2 exact, 1 close (spelling, phonetics, shared part), 0 different, -1 missing. */
export function nameAgreement(x: NormalisedName, y: NormalisedName): number {
  if (x.full.length === 0 || y.full.length === 0) return MISSING;
  if (x.full === y.full || x.core === y.core) return EXACT;
  if (x.phonetic === y.phonetic && x.core[0] === y.core[0]) return CLOSE;
  if (jaroWinkler(x.core, y.core) >= 0.88) return CLOSE;
  if (x.core.length >= 4 && y.core.length >= 4 && editDistance(x.core, y.core, 1) <= 1) return CLOSE;
  if (x.parts.length > 1 || y.parts.length > 1) {
    for (const p of x.parts) if (p.length >= 3 && y.parts.includes(p)) return CLOSE;
  }
  return DIFFERENT;
}

const NAME_STATES = ['missing', 'different', 'close', 'exact'];
const NAME_LEVELS = NAME_STATES.flatMap((last) => NAME_STATES.map((first) => `last ${last}, first ${first}`));

/** Names of a person, allowing first and last name swapped by the partner. */
function compareNames(a: NormalisedRecord, b: NormalisedRecord): number {
  const straight = [nameAgreement(a.lastName, b.lastName), nameAgreement(a.firstName, b.firstName)];
  let [last, first] = straight;
  const straightScore = Math.max(0, last) + Math.max(0, first);
  if (straightScore < 4) {
    const swapped = [nameAgreement(a.lastName, b.firstName), nameAgreement(a.firstName, b.lastName)];
    if (Math.max(0, swapped[0]) + Math.max(0, swapped[1]) > straightScore && swapped[0] >= 1 && swapped[1] >= 1) {
      [last, first] = swapped;
    }
  }
  if (last === MISSING && first === MISSING) return MISSING;
  return (last + 1) * 4 + (first + 1);
}

export function birthDateAgreement(x: BirthDate | null, y: BirthDate | null): number {
  if (!x || !y) return MISSING;
  if (x.digits === y.digits) return 3;
  if (x.year === y.year && x.month === y.day && x.day === y.month) return 2;
  if (editDistance(x.digits, y.digits, 1) <= 1) return 2;
  if (x.year === y.year && x.month === y.month) return 1;
  return DIFFERENT;
}

function baseNumber(n: string): string {
  return n.replace(/[A-Z]+$/, '');
}

function compatible(x: string, y: string): boolean {
  return x.length === 0 || y.length === 0 || x === y;
}

/**
 * 4 same number and street, 3 same building with a spelling slip or a dropped suffix,
 * 2 same street name (another number, or another street type: "rue" and "chemin" of one name
 * are two streets), 1 same number only, 0 different.
 */
export function streetAgreement(a: NormalisedRecord, b: NormalisedRecord): number {
  const x = a.street;
  const y = b.street;
  if (x.name.length === 0 || y.name.length === 0) return MISSING;
  const nameExact = x.name === y.name;
  const nameClose = nameExact || a.streetPhonetic === b.streetPhonetic || jaroWinkler(x.name, y.name) >= 0.9;
  const typeOk = compatible(x.type, y.type);
  const numberExact = x.number.length > 0 && x.number === y.number;
  const xs = x.number.slice(baseNumber(x.number).length);
  const ys = y.number.slice(baseNumber(y.number).length);
  const numberBase = x.number.length > 0 && baseNumber(x.number) === baseNumber(y.number) && compatible(xs, ys);
  if (nameExact && numberExact && typeOk) return 4;
  if (nameClose && numberBase && typeOk) return 3;
  if (nameClose) return 2;
  if (numberExact) return 1;
  return DIFFERENT;
}

export function localityAgreement(a: NormalisedRecord, b: NormalisedRecord): number {
  const communeKnown = a.commune.length > 0 && b.commune.length > 0;
  const postalKnown = a.postalCode.length > 0 && b.postalCode.length > 0;
  if (!communeKnown && !postalKnown) return MISSING;
  const commune = communeKnown && a.commune === b.commune;
  const postal = postalKnown && a.postalCode === b.postalCode;
  if (commune && postal) return 2;
  if (commune || postal) return 1;
  return DIFFERENT;
}

const STREET_STATES = ['different', 'same number only', 'same street', 'same building (variant)', 'same address'];
const LOCALITY_STATES = ['other locality', 'same commune or postal code', 'same commune and postal code'];
const ADDRESS_LEVELS = [
  ...STREET_STATES.flatMap((s) => LOCALITY_STATES.map((l) => `${s}, ${l}`)),
  ...LOCALITY_STATES.map((l) => `street unknown, ${l}`),
];

function compareAddresses(a: NormalisedRecord, b: NormalisedRecord): number {
  const street = streetAgreement(a, b);
  const locality = localityAgreement(a, b);
  if (street === MISSING && locality === MISSING) return MISSING;
  if (street === MISSING) return 15 + locality;
  return street * 3 + Math.max(0, locality);
}

/** Flat / building / staircase, only meaningful inside one building (else MISSING). */
export function unitAgreement(x: HousingUnit, y: HousingUnit): number {
  if (x.flat && y.flat) return x.flat === y.flat ? 3 : 0;
  let agree = 0;
  let conflict = 0;
  for (const key of ['building', 'staircase'] as const) {
    if (x[key] && y[key]) {
      if (x[key] === y[key]) agree++;
      else conflict++;
    }
  }
  if (conflict > 0) return 1;
  if (agree > 0) return 2;
  return MISSING;
}

function compareUnits(a: NormalisedRecord, b: NormalisedRecord): number {
  if (streetAgreement(a, b) < 3 || localityAgreement(a, b) < 1) return MISSING;
  return unitAgreement(a.unit, b.unit);
}

function compareExtraText(a: NormalisedRecord, b: NormalisedRecord): number {
  const x = a.unit.residual;
  const y = b.unit.residual;
  if (x.length < 3 || y.length < 3) return MISSING;
  if (x === y) return 2;
  return jaroWinkler(x, y) >= 0.9 ? 1 : DIFFERENT;
}

function compareIdentifier(x: string | null, y: string | null): number {
  if (!x || !y) return MISSING;
  if (x === y) return EXACT;
  return editDistance(x, y, 1) <= 1 ? CLOSE : DIFFERENT;
}

function compareEmails(a: NormalisedRecord, b: NormalisedRecord): number {
  if (!a.email || !b.email) return MISSING;
  if (a.email === b.email) return EXACT;
  // Local parts are built from names ("jean.martin45"): equal local parts repeat the name
  // evidence, so they count as unknown rather than as agreement.
  if (a.emailIdentity !== null && a.emailIdentity === b.emailIdentity) return MISSING;
  return DIFFERENT;
}

const NAME_SEED = [-1, 0, 1, 2];
const STREET_SEED = [-1, 0, 0.5, 1.5, 2];
const LOCALITY_SEED = [-1, 0.3, 0.5];

/** Two adults of one household often share the family name (in either name field). */
function compareFamilyNames(a: NormalisedRecord, b: NormalisedRecord): number {
  const x = [a.lastName.core, a.firstName.core].filter((v) => v.length > 0);
  const y = [b.lastName.core, b.firstName.core].filter((v) => v.length > 0);
  if (a.lastName.core.length === 0 || b.lastName.core.length === 0) return MISSING;
  if (a.lastName.core === b.lastName.core) return EXACT;
  return x.some((v) => y.includes(v)) ? CLOSE : DIFFERENT;
}

/**
 * Whether both records come from one partner. A partner normally holds each household once, so
 * two of its records are rarely one household; how rarely is estimated from the data (in a
 * single-source file such as FEBRL every pair is "same partner" and the field weighs nothing).
 */
function compareSources(a: NormalisedRecord, b: NormalisedRecord): number {
  if (a.source.length === 0 || b.source.length === 0) return MISSING;
  return a.source === b.source ? 0 : 1;
}

export const COMPARISONS: readonly ComparisonDefinition[] = [
  {
    field: 'name',
    levels: NAME_LEVELS,
    compare: compareNames,
    seed: NAME_SEED.flatMap((last) => NAME_SEED.map((first) => last + first)),
  },
  {
    field: 'birthDate',
    levels: ['different', 'same month', 'typo or day/month swapped', 'exact'],
    compare: (a, b) => birthDateAgreement(a.birthDate, b.birthDate),
    seed: [-1, 0, 1, 2],
  },
  {
    field: 'address',
    levels: ADDRESS_LEVELS,
    compare: compareAddresses,
    seed: [...STREET_SEED.flatMap((s) => LOCALITY_SEED.map((l) => s + l)), ...LOCALITY_SEED],
  },
  {
    field: 'unit',
    levels: ['other flat', 'other building or staircase', 'same building or staircase', 'same flat'],
    compare: compareUnits,
    seed: [-2, -1, 0.5, 1.5],
    conditional: true,
  },
  { field: 'addressExtra', levels: ['different', 'similar', 'exact'], compare: compareExtraText, seed: [-0.5, 0.5, 1] },
  {
    field: 'phone',
    levels: ['different', 'one digit apart', 'exact'],
    compare: (a, b) => compareIdentifier(a.phone, b.phone),
    seed: [-0.5, 1, 3],
  },
  { field: 'email', levels: ['different', 'unused', 'exact'], compare: compareEmails, seed: [-0.5, 0, 3] },
  {
    field: 'cafNumber',
    levels: ['different', 'one digit apart', 'exact'],
    compare: (a, b) => compareIdentifier(a.cafNumber, b.cafNumber),
    seed: [-2, 1, 3],
  },
  { field: 'source', levels: ['same partner', 'different partners'], compare: compareSources, seed: [-1, 0.3] },
  {
    field: 'familyName',
    levels: ['different', 'shared across fields', 'same family name'],
    compare: compareFamilyNames,
    seed: [0, 0.5, 1],
    coResidentOnly: true,
  },
];

/** Comparison vector of a pair: one level per comparison, MISSING where unknown. */
export function compareRecords(a: NormalisedRecord, b: NormalisedRecord, comparisons = COMPARISONS): Int8Array {
  const out = new Int8Array(comparisons.length);
  for (let i = 0; i < comparisons.length; i++) out[i] = comparisons[i].compare(a, b);
  return out;
}
