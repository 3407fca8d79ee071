import { blockingKeys, generateCandidatePairs } from './blocking';
import { ComparisonDefinition, compareRecords, MISSING } from './comparison';
import { estimateModel, estimateRandomPairU, FellegiSunterModel, PatternTable, patternLogOdds } from './fellegi-sunter';
import { NormalisedRecord } from './record';

/**
 * Estimation in training sessions (the approach of Splink / Enamorado et al.):
 *  - u for every record-level field comes from random record pairs (almost all non-matches);
 *  - m comes from EM run on pairs blocked on ONE key family; inside such a block the
 *    non-matches agree on the blocked field but look like random pairs on the others, so EM
 *    with pinned u estimates m of the other fields without bias. The blocked fields are
 *    ignored in that session; each field's m is taken from the sessions that did not block it;
 *  - u of conditional fields (flat within one building) is estimated by EM inside the
 *    address session, where the non-matches are precisely the neighbours;
 *  - the prior is the share of matches among ALL record pairs, so the posterior probability
 *    is calibrated for a record against the whole territory, not against its candidates.
 */
interface TrainingSession {
  readonly keyPrefixes: readonly string[];
  readonly blockedFields: readonly string[];
}

const SESSIONS: readonly TrainingSession[] = [
  { keyPrefixes: ['n:'], blockedFields: ['name'] },
  { keyPrefixes: ['a:', 's:'], blockedFields: ['address'] },
  { keyPrefixes: ['d:', 'b:'], blockedFields: ['name', 'birthDate'] },
];

const MAX_TRAINING_PAIRS = 400_000;

function sessionPatterns(
  records: readonly NormalisedRecord[],
  session: TrainingSession,
  comparisons: readonly ComparisonDefinition[],
  maxBlockSize: number,
): PatternTable {
  const keysOf = (r: NormalisedRecord) => blockingKeys(r).filter((k) => session.keyPrefixes.some((p) => k.startsWith(p)));
  const { left, right } = generateCandidatePairs(records, maxBlockSize, keysOf);
  const blocked = comparisons.map((c) => session.blockedFields.includes(c.field));
  const step = Math.max(1, Math.ceil(left.length / MAX_TRAINING_PAIRS));
  const table = new PatternTable();
  for (let k = 0; k < left.length; k += step) {
    const vector = compareRecords(records[left[k]], records[right[k]], comparisons);
    for (let c = 0; c < vector.length; c++) if (blocked[c]) vector[c] = MISSING;
    table.add(vector);
  }
  return table;
}

const CO_RESIDENT_SEED_THRESHOLD = 2;

/**
 * Co-resident model: EM over pairs of persons met in one building with different names (the
 * other adult of a couple, or a neighbour), compared on household-level fields only. u of the
 * other fields pinned to their frequencies over random pairs of persons (profiles compare sets
 * of values, so record-level frequencies would understate chance agreement); u of the flat
 * comparison estimated; the prior is the share of co-residents in that population.
 */
export function estimateCoResidentModel(
  population: PatternTable,
  comparisons: readonly ComparisonDefinition[],
  randomProfileU: number[][],
): FellegiSunterModel | null {
  if (population.counts.reduce((s, n) => s + n, 0) < 50) return null;
  const fixedU = comparisons.map((c, i) => (c.conditional ? null : [...randomProfileU[i]]));
  const model = estimateModel(population, comparisons, { fixedU, seedThreshold: CO_RESIDENT_SEED_THRESHOLD });
  return isHouseholdShaped(model, comparisons) ? model : null;
}

/**
 * EM finds *a* latent class; accept it as "same household" only if it behaves like one: a
 * shared flat and a shared CAF number support it, another flat contradicts it, and it is not
 * the whole population. Otherwise no co-resident link is made (a miss, never a false merge).
 */
export function isHouseholdShaped(model: FellegiSunterModel, comparisons: readonly ComparisonDefinition[]): boolean {
  const weight = (field: string, level: number) => {
    const i = comparisons.findIndex((c) => c.field === field);
    return i < 0 ? 0 : Math.log(model.m[i][level] / model.u[i][level]);
  };
  return model.lambda < 0.95 && weight('unit', 3) > 0 && weight('unit', 0) < 0 && weight('cafNumber', 2) > 0;
}

export function estimatePersonModel(
  records: readonly NormalisedRecord[],
  candidates: PatternTable,
  comparisons: readonly ComparisonDefinition[],
  maxBlockSize: number,
): FellegiSunterModel {
  const randomU = estimateRandomPairU(records, comparisons);
  const fixedU = comparisons.map((c, i) => (c.conditional ? null : randomU[i]));
  const mSum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const mWeight = comparisons.map(() => 0);
  const uConditional = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  let iterations = 0;
  for (const session of SESSIONS) {
    const table = sessionPatterns(records, session, comparisons, maxBlockSize);
    if (table.vectors.length === 0) continue;
    const fitted = estimateModel(table, comparisons, { fixedU });
    iterations += fitted.iterations;
    const matches = fitted.lambda * table.counts.reduce((s, n) => s + n, 0);
    comparisons.forEach((c, i) => {
      if (session.blockedFields.includes(c.field)) return;
      fitted.m[i].forEach((v, l) => (mSum[i][l] += v * matches));
      mWeight[i] += matches;
      if (c.conditional) fitted.u[i].forEach((v, l) => (uConditional[i][l] += v * matches));
    });
  }
  const m = mSum.map((row, i) => row.map((v) => (mWeight[i] > 0 ? v / mWeight[i] : 1 / row.length)));
  const u = comparisons.map((c, i) =>
    c.conditional ? uConditional[i].map((v) => (mWeight[i] > 0 ? v / mWeight[i] : 1 / c.levels.length)) : randomU[i],
  );
  // Co-resident-only evidence carries no weight for one person: m = u.
  comparisons.forEach((c, i) => {
    if (c.coResidentOnly) m[i] = [...u[i]];
  });
  const lambda = globalPrior(records.length, candidates, { fields: [], levelLabels: [], m, u, lambda: 0.5, iterations });
  return { fields: comparisons.map((c) => c.field), levelLabels: comparisons.map((c) => c.levels), m, u, lambda, iterations };
}

/** Expected number of matching pairs among the candidates (m, u fixed), over all n(n-1)/2 pairs. */
function globalPrior(n: number, candidates: PatternTable, model: FellegiSunterModel): number {
  let lambda = 0.1;
  for (let iteration = 0; iteration < 100; iteration++) {
    let expected = 0;
    let total = 0;
    const current = { ...model, lambda };
    candidates.vectors.forEach((v, p) => {
      expected += candidates.counts[p] / (1 + Math.exp(-patternLogOdds(current, v)));
      total += candidates.counts[p];
    });
    const next = Math.min(0.999, Math.max(1e-6, expected / Math.max(1, total)));
    if (Math.abs(next - lambda) < 1e-7) break;
    lambda = next;
  }
  const allPairs = (n * (n - 1)) / 2;
  const candidateCount = candidates.counts.reduce((s, c) => s + c, 0);
  return Math.min(0.5, Math.max(1e-12, (lambda * candidateCount) / Math.max(1, allPairs)));
}
