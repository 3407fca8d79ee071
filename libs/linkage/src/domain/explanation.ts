import { MISSING } from './comparison';
import { FellegiSunterModel } from './fellegi-sunter';

/** Why two records were linked (or not): each field's level and its weight, for audit. */
export interface FieldEvidence {
  readonly field: string;
  readonly level: string;
  /** log2(m/u): positive supports "same household". */
  readonly weight: number;
}

export interface LinkExplanation {
  readonly leftRecordId: string;
  readonly rightRecordId: string;
  /** Posterior probability that both records belong to one household. */
  readonly probability: number;
  readonly matchWeight: number;
  readonly evidence: readonly FieldEvidence[];
}

export function fieldWeight(model: FellegiSunterModel, field: number, level: number): number {
  return Math.log2(model.m[field][level] / model.u[field][level]);
}

export function explainPair(
  model: FellegiSunterModel,
  leftRecordId: string,
  rightRecordId: string,
  vector: Int8Array,
  logOdds: number,
): LinkExplanation {
  const evidence: FieldEvidence[] = [];
  for (let c = 0; c < vector.length; c++) {
    if (vector[c] === MISSING) continue;
    evidence.push({
      field: model.fields[c],
      level: model.levelLabels[c][vector[c]],
      weight: Math.round(fieldWeight(model, c, vector[c]) * 100) / 100,
    });
  }
  return {
    leftRecordId,
    rightRecordId,
    probability: 1 / (1 + Math.exp(-logOdds)),
    matchWeight: Math.round((logOdds / Math.LN2) * 100) / 100,
    evidence,
  };
}

/** One French sentence for reviewers: "nom: last exact, first exact (+9.1); téléphone: exact (+12.0)". */
export function describeExplanation(explanation: LinkExplanation): string {
  const parts = explanation.evidence.map((e) => `${e.field}: ${e.level} (${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(1)})`);
  return `Probabilité ${(explanation.probability * 100).toFixed(1)} % — ${parts.join('; ')}`;
}
