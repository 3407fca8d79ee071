import { ComparisonDefinition } from './comparison';
import { estimateModel, PatternTable, patternLogOdds } from './fellegi-sunter';

/** Three conditionally independent fields with known m/u: EM must recover them. */
const TRUE_M = [
  [0.05, 0.15, 0.8],
  [0.1, 0.9],
  [0.2, 0.8],
];
const TRUE_U = [
  [0.9, 0.08, 0.02],
  [0.7, 0.3],
  [0.95, 0.05],
];
const comparisons: ComparisonDefinition[] = TRUE_M.map((row, i) => ({
  field: `f${i}`,
  levels: row.map((_, l) => `level ${l}`),
  compare: () => 0,
  seed: row.map((_, l) => l),
}));

function simulate(pairs: number, lambda: number): PatternTable {
  let state = 7;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const draw = (probabilities: number[]) => {
    let r = random();
    for (let l = 0; l < probabilities.length; l++) if ((r -= probabilities[l]) < 0) return l;
    return probabilities.length - 1;
  };
  const table = new PatternTable();
  for (let p = 0; p < pairs; p++) {
    const match = random() < lambda;
    table.add(Int8Array.from((match ? TRUE_M : TRUE_U).map(draw)));
  }
  return table;
}

describe('estimateModel (EM)', () => {
  const model = estimateModel(simulate(60_000, 0.2), comparisons, { seedThreshold: 3 });

  it('recovers the share of matches', () => {
    expect(model.lambda).toBeCloseTo(0.2, 1);
  });

  it('recovers m and u of every level', () => {
    model.m.forEach((row, c) => row.forEach((v, l) => expect(Math.abs(v - TRUE_M[c][l])).toBeLessThan(0.04)));
    model.u.forEach((row, c) => row.forEach((v, l) => expect(Math.abs(v - TRUE_U[c][l])).toBeLessThan(0.04)));
  });

  it('gives agreement on every field a higher match weight than disagreement', () => {
    expect(patternLogOdds(model, Int8Array.from([2, 1, 1]))).toBeGreaterThan(patternLogOdds(model, Int8Array.from([0, 0, 0])));
  });

  it('ignores missing fields (-1) in the weight', () => {
    const prior = Math.log(model.lambda / (1 - model.lambda));
    expect(patternLogOdds(model, Int8Array.from([-1, -1, -1]))).toBeCloseTo(prior, 10);
  });
});
