import { DEFAULT_THRESHOLDS, LinkageThresholds } from './domain/household-matcher';

export const LINKAGE_THRESHOLDS = Symbol('LINKAGE_THRESHOLDS');

/** The configured overrides (libs/config: LINKAGE_LINK_THRESHOLD, LINKAGE_REVIEW_THRESHOLD, LINKAGE_TARGET_FALSE_LINK_RATE). */
export interface LinkageSettings {
  linkProbability: number | null;
  reviewProbability: number | null;
  targetFalseLinkRate: number | null;
}

/** Thresholds (posterior probabilities of "same household"): the configured ones, else the model-derived defaults. */
export function linkageThresholdsFrom(settings: LinkageSettings): LinkageThresholds {
  return {
    ...DEFAULT_THRESHOLDS,
    linkProbability: settings.linkProbability ?? DEFAULT_THRESHOLDS.linkProbability,
    reviewProbability: settings.reviewProbability ?? DEFAULT_THRESHOLDS.reviewProbability,
    targetFalseLinkRate: settings.targetFalseLinkRate ?? DEFAULT_THRESHOLDS.targetFalseLinkRate,
  };
}
