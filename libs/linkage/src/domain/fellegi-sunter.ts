import { ComparisonDefinition, MISSING } from './comparison';

/**
 * Fellegi-Sunter model: for each comparison level, m = P(level | same household) and
 * u = P(level | different households). A pair's match weight is the sum of log2(m/u) over its
 * known fields plus the prior log-odds; missing fields contribute nothing.
 */
export interface FellegiSunterModel {
  readonly fields: readonly string[];
  readonly levelLabels: readonly (readonly string[])[];
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  /** Share of candidate pairs that are matches (prior). */
  readonly lambda: number;
  readonly iterations: number;
}

/** Distinct comparison vectors with how many candidate pairs produced each. */
export interface PatternCounts {
  readonly vectors: Int8Array[];
  readonly counts: number[];
}

export class PatternTable {
  private readonly index = new Map<string, number>();
  readonly vectors: Int8Array[] = [];
  readonly counts: number[] = [];

  /** Returns the pattern id of the vector, registering it the first time. */
  add(vector: Int8Array, count = 1): number {
    const key = vector.join(',');
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.vectors.length;
      this.index.set(key, id);
      this.vectors.push(Int8Array.from(vector));
      this.counts.push(0);
    }
    this.counts[id] += count;
    return id;
  }
}

export interface EmOptions {
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Seed threshold on the summed seed evidence: pairs above it start as matches. */
  readonly seedThreshold?: number;
  /**
   * u probabilities measured on random record pairs (nearly all non-matches). Fields listed
   * here keep them fixed; EM then only estimates m and the prior, which keeps the latent
   * "match" class anchored on households rather than on any frequent agreement.
   */
  readonly fixedU?: ReadonlyArray<readonly number[] | null>;
}

function emptyTable(comparisons: readonly ComparisonDefinition[], value: number): number[][] {
  return comparisons.map((c) => new Array<number>(c.levels.length).fill(value));
}

function normalise(table: number[][]): void {
  for (const row of table) {
    const total = row.reduce((s, v) => s + v, 0);
    for (let i = 0; i < row.length; i++) row[i] /= total;
  }
}

function accumulate(patterns: PatternCounts, responsibility: (p: number) => number, comparisons: readonly ComparisonDefinition[]) {
  const pseudo = 0.5;
  const m = emptyTable(comparisons, pseudo);
  const u = emptyTable(comparisons, pseudo);
  let matches = 0;
  let total = 0;
  for (let p = 0; p < patterns.vectors.length; p++) {
    const n = patterns.counts[p];
    const g = responsibility(p);
    matches += n * g;
    total += n;
    const v = patterns.vectors[p];
    for (let c = 0; c < v.length; c++) {
      if (v[c] === MISSING) continue;
      m[c][v[c]] += n * g;
      u[c][v[c]] += n * (1 - g);
    }
  }
  normalise(m);
  normalise(u);
  return { m, u, lambda: Math.min(0.999, Math.max(1e-6, matches / total)) };
}

export function patternLogOdds(model: FellegiSunterModel, vector: Int8Array): number {
  let logit = Math.log(model.lambda / (1 - model.lambda));
  for (let c = 0; c < vector.length; c++) {
    const level = vector[c];
    if (level !== MISSING) logit += Math.log(model.m[c][level] / model.u[c][level]);
  }
  return logit;
}

/** Estimates m, u and the prior by expectation-maximisation over the candidate pairs. */
export function estimateModel(
  patterns: PatternCounts,
  comparisons: readonly ComparisonDefinition[],
  options: EmOptions = {},
): FellegiSunterModel {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const seedThreshold = options.seedThreshold ?? 3;
  const seedScore = (p: number) => patterns.vectors[p].reduce((s, level, c) => s + (level === MISSING ? 0 : comparisons[c].seed[level]), 0);
  const pin = (table: number[][]) => table.map((row, c) => (options.fixedU?.[c] ? [...(options.fixedU[c] as number[])] : row));
  let { m, u, lambda } = accumulate(patterns, (p) => (seedScore(p) >= seedThreshold ? 1 : 0), comparisons);
  u = pin(u);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const model: FellegiSunterModel = { fields: [], levelLabels: [], m, u, lambda, iterations };
    const next = accumulate(patterns, (p) => 1 / (1 + Math.exp(-patternLogOdds(model, patterns.vectors[p]))), comparisons);
    const delta = Math.max(
      Math.abs(next.lambda - lambda),
      ...next.m.flatMap((row, c) => row.map((v, l) => Math.abs(v - m[c][l]))),
      ...next.u.flatMap((row, c) => row.map((v, l) => Math.abs(v - u[c][l]))),
    );
    ({ m, u, lambda } = next);
    u = pin(u);
    if (delta < tolerance) break;
  }
  return {
    fields: comparisons.map((c) => c.field),
    levelLabels: comparisons.map((c) => c.levels),
    m,
    u,
    lambda,
    iterations,
  };
}

/**
 * u probabilities from random record pairs: with n records, almost every random pair is two
 * different households, so level frequencies over them estimate u directly. Deterministic
 * (a fixed linear congruential sequence), so runs are reproducible.
 */
export function estimateRandomPairU<R>(
  records: readonly R[],
  comparisons: ReadonlyArray<{ readonly levels: readonly string[]; readonly compare: (a: R, b: R) => number }>,
  samples = 200_000,
): number[][] {
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0.5));
  if (records.length < 2) return counts.map((row) => row.map(() => 1 / row.length));
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % records.length;
  };
  for (let s = 0; s < samples; s++) {
    const a = next();
    const b = next();
    if (a === b) continue;
    for (let c = 0; c < comparisons.length; c++) {
      const level = comparisons[c].compare(records[a], records[b]);
      if (level !== MISSING) counts[c][level] += 1;
    }
  }
  normalise(counts);
  return counts;
}
