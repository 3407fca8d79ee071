import { ComparisonDefinition, MISSING } from './comparison';
import { DisjointClusters } from './clustering';
import { NormalisedRecord } from './record';

/**
 * Second stage: once records are grouped into persons, two persons living in one building
 * are compared as wholes. The other adult of a couple rarely repeats every detail in each
 * record, but across all records of both persons a shared flat number, CAF number, phone,
 * e-mail or family name usually shows up; a neighbour shows a different flat or CAF number.
 */
export interface ResidentProfile {
  /** Flats, buildings and staircases seen at each building (key: commune|number|street). */
  readonly units: Map<string, { flats: Set<string>; buildings: Set<string>; staircases: Set<string> }>;
  readonly cafNumbers: Set<string>;
  readonly phones: Set<string>;
  readonly emails: Set<string>;
  readonly familyNames: Set<string>;
  readonly sources: Set<string>;
}

export function buildingKey(r: NormalisedRecord): string {
  return `${r.commune || r.postalCode}|${r.street.number.replace(/[A-Z]+$/, '')}|${r.streetPhonetic}`;
}

export function profileOf(records: readonly NormalisedRecord[]): ResidentProfile {
  const profile: ResidentProfile = {
    units: new Map(),
    cafNumbers: new Set(),
    phones: new Set(),
    emails: new Set(),
    familyNames: new Set(),
    sources: new Set(),
  };
  for (const r of records) {
    const key = buildingKey(r);
    const unit = profile.units.get(key) ?? { flats: new Set<string>(), buildings: new Set<string>(), staircases: new Set<string>() };
    if (r.unit.flat) unit.flats.add(r.unit.flat);
    if (r.unit.building) unit.buildings.add(r.unit.building);
    if (r.unit.staircase) unit.staircases.add(r.unit.staircase);
    profile.units.set(key, unit);
    if (r.cafNumber) profile.cafNumbers.add(r.cafNumber);
    if (r.phone) profile.phones.add(r.phone);
    if (r.email) profile.emails.add(r.email);
    if (r.lastName.core) profile.familyNames.add(r.lastName.core);
    if (r.source) profile.sources.add(r.source);
  }
  return profile;
}

function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0 || y.size === 0) return MISSING;
  for (const v of x) if (y.has(v)) return 2;
  return 0;
}

function unitLevel(a: ResidentProfile, b: ResidentProfile, building: string): number {
  const x = a.units.get(building);
  const y = b.units.get(building);
  if (!x || !y) return MISSING;
  const flats = overlap(x.flats, y.flats);
  if (flats !== MISSING) return flats === 2 ? 3 : 0;
  const levels = [overlap(x.buildings, y.buildings), overlap(x.staircases, y.staircases)].filter((l) => l !== MISSING);
  if (levels.length === 0) return MISSING;
  return levels.includes(0) ? 1 : 2;
}

/** Comparison vector of two persons at one building; only household-level fields are set. */
export function compareProfiles(
  a: ResidentProfile,
  b: ResidentProfile,
  building: string,
  comparisons: readonly ComparisonDefinition[],
): Int8Array {
  const vector = new Int8Array(comparisons.length).fill(MISSING);
  comparisons.forEach((c, i) => {
    switch (c.field) {
      case 'unit':
        vector[i] = unitLevel(a, b, building);
        break;
      case 'cafNumber':
        vector[i] = overlap(a.cafNumbers, b.cafNumbers);
        break;
      case 'phone':
        vector[i] = overlap(a.phones, b.phones);
        break;
      case 'email':
        vector[i] = overlap(a.emails, b.emails);
        break;
      case 'source': {
        const shared = overlap(a.sources, b.sources);
        vector[i] = shared === MISSING ? MISSING : shared === 2 ? 0 : 1;
        break;
      }
      case 'familyName':
        vector[i] = overlap(a.familyNames, b.familyNames);
        break;
    }
  });
  return vector;
}

export interface PersonPair {
  readonly left: number;
  readonly right: number;
  readonly building: string;
}

/** Pairs of person clusters that met as candidates in one building with different names. */
export function coResidentCandidates(
  records: readonly NormalisedRecord[],
  left: Int32Array,
  right: Int32Array,
  isCoResidentPair: (k: number) => boolean,
  clusters: DisjointClusters,
): PersonPair[] {
  const seen = new Set<string>();
  const pairs: PersonPair[] = [];
  for (let k = 0; k < left.length; k++) {
    if (!isCoResidentPair(k)) continue;
    const ra = clusters.find(left[k]);
    const rb = clusters.find(right[k]);
    if (ra === rb) continue;
    const [x, y] = ra < rb ? [ra, rb] : [rb, ra];
    const building = buildingKey(records[left[k]]);
    const key = `${x}:${y}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ left: x, right: y, building });
  }
  return pairs;
}
