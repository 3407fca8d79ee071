import { COMPARISONS, MISSING } from './comparison';
import { FellegiSunterModel, patternLogOdds } from './fellegi-sunter';

/**
 * A household is one or two adults. Two records are the same household when they describe
 * the same person (person model), or two different adults living in the same flat
 * (co-resident model). The co-resident model is fitted only on pairs in one building whose
 * names disagree: there, the other adult of a couple and a neighbour look alike on names and
 * birth dates, and are told apart by the flat, the CAF number, phones and e-mails.
 */
export interface HouseholdModel {
  readonly person: FellegiSunterModel;
  readonly coResident: FellegiSunterModel | null;
}

const NAME = COMPARISONS.findIndex((c) => c.field === 'name');
const ADDRESS = COMPARISONS.findIndex((c) => c.field === 'address');

/** Same building (street and number, maybe spelt differently) in the same commune or postal code. */
export function sameBuilding(vector: Int8Array): boolean {
  const level = vector[ADDRESS];
  if (level === MISSING || level >= 15) return false;
  const street = Math.floor(level / 3);
  const locality = level % 3;
  return street >= 3 && locality >= 1;
}

/** Both the last and the first name agree at least approximately. */
export function samePersonName(vector: Int8Array): boolean {
  const level = vector[NAME];
  if (level === MISSING) return false;
  const last = Math.floor(level / 4) - 1;
  const first = (level % 4) - 1;
  return last >= 1 && first >= 1;
}

export function inCoResidentPopulation(vector: Int8Array): boolean {
  return sameBuilding(vector) && !samePersonName(vector);
}

const IDENTIFIERS = COMPARISONS.flatMap((c, i) => (['cafNumber', 'phone', 'email'].includes(c.field) ? [i] : []));
const EXACT_IDENTIFIER = 2;

/**
 * Two persons who share a CAF number, a phone or an e-mail are compared as possible members of
 * one household even when their addresses differ (one of them may be known at an old address).
 */
export function sharesHouseholdIdentifier(vector: Int8Array): boolean {
  return !samePersonName(vector) && IDENTIFIERS.some((i) => vector[i] === EXACT_IDENTIFIER);
}

const PERSON_FIELDS = COMPARISONS.flatMap((c, i) => (['name', 'birthDate', 'address'].includes(c.field) ? [i] : []));

/** The co-resident model ignores names, birth dates and the (shared) address. */
export function withoutPersonFields(vector: Int8Array): Int8Array {
  const copy = Int8Array.from(vector);
  for (const i of PERSON_FIELDS) copy[i] = MISSING;
  return copy;
}

export interface HouseholdScore {
  readonly logOdds: number;
  readonly model: FellegiSunterModel;
}

export function scoreHouseholdPair(model: HouseholdModel, vector: Int8Array): HouseholdScore {
  const person = patternLogOdds(model.person, vector);
  if (model.coResident && inCoResidentPopulation(vector)) {
    const coResident = patternLogOdds(model.coResident, withoutPersonFields(vector));
    if (coResident > person) return { logOdds: coResident, model: model.coResident };
  }
  return { logOdds: person, model: model.person };
}
