import { DEFAULT_THRESHOLDS, LinkageThresholds } from './domain/household-matcher';

export const LINKAGE_THRESHOLDS = Symbol('LINKAGE_THRESHOLDS');

function probability(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value < 1)) throw new Error(`${name} doit être une probabilité entre 0 et 1 (exclus), reçu "${raw}".`);
  return value;
}

/**
 * Thresholds from configuration (posterior probabilities of "same household"), with the
 * model-derived defaults. LINKAGE_LINK_THRESHOLD / LINKAGE_REVIEW_THRESHOLD /
 * LINKAGE_TARGET_FALSE_LINK_RATE override them.
 */
export function linkageThresholdsFrom(env: Record<string, string | undefined>): LinkageThresholds {
  return {
    ...DEFAULT_THRESHOLDS,
    linkProbability: probability(env.LINKAGE_LINK_THRESHOLD, DEFAULT_THRESHOLDS.linkProbability, 'LINKAGE_LINK_THRESHOLD'),
    reviewProbability: probability(env.LINKAGE_REVIEW_THRESHOLD, DEFAULT_THRESHOLDS.reviewProbability, 'LINKAGE_REVIEW_THRESHOLD'),
    targetFalseLinkRate: probability(env.LINKAGE_TARGET_FALSE_LINK_RATE, DEFAULT_THRESHOLDS.targetFalseLinkRate, 'LINKAGE_TARGET_FALSE_LINK_RATE'),
  };
}
