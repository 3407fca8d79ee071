import { NormalisedRecord } from './record';

/**
 * Candidate generation by several blocking keys: two records become a candidate pair when they
 * share at least one key. Each key rests on different fields (name sounds, birth date, address,
 * phone, e-mail, CAF number), so a single disagreeing or missing field never hides a match.
 * Oversized blocks (a common name in a big town) are skipped: other keys still meet there.
 */
export function blockingKeys(r: NormalisedRecord): string[] {
  const keys: string[] = [];
  const last = r.lastName.phonetic;
  const first = r.firstName.phonetic;
  const dob = r.birthDate?.digits ?? '';
  const place = r.commune || r.postalCode;
  const number = r.street.number.replace(/[A-Z]+$/, '');
  if (last && first) keys.push(`n:${last < first ? `${last}|${first}` : `${first}|${last}`}`);
  if (r.phone) keys.push(`p:${r.phone}`);
  if (r.email) keys.push(`e:${r.email}`);
  if (r.emailIdentity) keys.push(`i:${r.emailIdentity}`);
  if (r.cafNumber) keys.push(`c:${r.cafNumber}`);
  if (r.streetPhonetic && place) keys.push(`a:${place}|${number}|${r.streetPhonetic}`);
  if (r.streetPhonetic && r.unit.flat) keys.push(`f:${r.streetPhonetic}|${r.unit.flat}`);
  if (dob && first) keys.push(`d:${dob}|${first}`);
  if (dob && last) keys.push(`b:${dob}|${last}`);
  if (last && place) keys.push(`l:${last}|${place}`);
  if (dob && r.postalCode) keys.push(`y:${dob}|${r.postalCode}`);
  if (dob && number) keys.push(`z:${dob}|${number}`);
  if (r.streetPhonetic && r.postalCode) keys.push(`s:${r.postalCode}|${number}|${r.streetPhonetic}`);
  if (first && place && number) keys.push(`g:${first}|${place}|${number}`);
  return keys;
}

/** FNV-1a, 31 bits. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) & 0x7fffffff;
}

export const MAX_RECORDS_PER_RUN = 2 ** 22;
const SHIFT = 2 ** 22;

export interface CandidatePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly skippedBlocks: number;
}

class GrowableFloat64 {
  data = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

export function generateCandidatePairs(
  records: readonly NormalisedRecord[],
  maxBlockSize = 50,
  keysOf: (r: NormalisedRecord) => string[] = blockingKeys,
): CandidatePairs {
  if (records.length >= MAX_RECORDS_PER_RUN) throw new Error(`At most ${MAX_RECORDS_PER_RUN - 1} records per run; split by territory.`);
  const entries = new GrowableFloat64();
  records.forEach((r, i) => {
    for (const key of keysOf(r)) entries.push(hashKey(key) * SHIFT + i);
  });
  const sortedEntries = entries.sorted();
  const pairs = new GrowableFloat64();
  let skippedBlocks = 0;
  for (let start = 0; start < sortedEntries.length;) {
    const hash = Math.floor(sortedEntries[start] / SHIFT);
    let end = start + 1;
    while (end < sortedEntries.length && Math.floor(sortedEntries[end] / SHIFT) === hash) end++;
    const size = end - start;
    if (size > maxBlockSize) skippedBlocks++;
    else {
      for (let x = start; x < end; x++) {
        const i = sortedEntries[x] % SHIFT;
        for (let y = x + 1; y < end; y++) {
          const j = sortedEntries[y] % SHIFT;
          if (i !== j) pairs.push(i < j ? i * SHIFT + j : j * SHIFT + i);
        }
      }
    }
    start = end;
  }
  const sortedPairs = pairs.sorted();
  let unique = 0;
  for (let k = 0; k < sortedPairs.length; k++) if (k === 0 || sortedPairs[k] !== sortedPairs[k - 1]) unique++;
  const left = new Int32Array(unique);
  const right = new Int32Array(unique);
  let w = 0;
  for (let k = 0; k < sortedPairs.length; k++) {
    if (k > 0 && sortedPairs[k] === sortedPairs[k - 1]) continue;
    left[w] = Math.floor(sortedPairs[k] / SHIFT);
    right[w] = sortedPairs[k] % SHIFT;
    w++;
  }
  return { left, right, skippedBlocks };
}
