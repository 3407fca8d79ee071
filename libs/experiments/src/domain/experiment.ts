import { createHash } from 'node:crypto';
import { sampleSizePerArm } from './statistics';

/**
 * An experiment compares worded variants of one planned message: on one territory, at one
 * procedure stage, for one purpose of the playbook and one channel. Everything that decides the
 * verdict (arms and weights, holdout, primary response and its window, sample size) is declared
 * before the first message and never changes afterwards.
 */
export interface ExperimentArm {
  /** Short name, unique in the experiment (`A`, `B`, `controle`). */
  name: string;
  /** The template library's variant id the arm renders (`reassuring.short.picto`, see `variantId`). */
  variant: string;
  /** Relative weight of the arm among the non-holdout households. */
  weight: number;
}

export interface ExperimentDesign {
  key: string;
  name: string;
  territory: string;
  stage: string;
  purpose: string;
  channel: string;
  /** The first arm is the control the others are compared with. */
  arms: ExperimentArm[];
  /** Share of households kept out of the experiment: they get the playbook's default wording. */
  holdoutShare: number;
  /** Response kinds that count as the primary response (declared up front). */
  primaryResponseKinds: string[];
  /** Days after the first exposure during which a response counts. */
  responseWindowDays: number;
  /** Expected response rate of the control, for the sample size. */
  baselineRate: number;
  /** Smallest absolute difference worth detecting (0.05 = five points). */
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
}

/** The variant the holdout and every non-experimented message get: the template library's default. */
export const HOLDOUT_ARM = 'holdout';

export interface SampleSizePlan {
  /** Households needed in each arm (Bonferroni over the comparisons with the control). */
  perArm: number;
  /** Households needed in all arms together: the confidence sequence's tuning size, fixed per experiment. */
  total: number;
  /** Households to reach, holdout included. */
  withHoldout: number;
}

export function comparisonsOf(design: Pick<ExperimentDesign, 'arms'>): number {
  return Math.max(1, design.arms.length - 1);
}

/** The sample size computed up front from the baseline rate and the smallest effect worth detecting. */
export function plannedSampleSize(design: ExperimentDesign): SampleSizePlan {
  const perArm = sampleSizePerArm(design.baselineRate, design.minimumDetectableEffect, design.alpha / comparisonsOf(design), design.power);
  const weights = design.arms.map((a) => a.weight);
  const total = weights.reduce((s, w) => s + w, 0);
  // The smallest arm must reach perArm: scale the total by it.
  const smallestShare = Math.min(...weights) / total;
  const all = Math.ceil(perArm / smallestShare);
  return { perArm, total: all, withHoldout: Math.ceil(all / (1 - design.holdoutShare)) };
}

/** A uniform number in [0, 1) from the experiment and the household: the same household, the same arm, on every message. */
export function bucketOf(experimentKey: string, householdId: string): number {
  const digest = createHash('sha256').update(`${experimentKey}|${householdId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The arm a household falls in (the holdout first, then the arms by weight). */
export function armOf(
  design: Pick<ExperimentDesign, 'key' | 'arms' | 'holdoutShare'>,
  householdId: string,
  weights?: readonly number[],
): string {
  const u = bucketOf(design.key, householdId);
  if (u < design.holdoutShare) return HOLDOUT_ARM;
  const v = (u - design.holdoutShare) / (1 - design.holdoutShare);
  const w = weights ?? design.arms.map((a) => a.weight);
  const total = w.reduce((s, x) => s + x, 0);
  let cumulative = 0;
  for (let i = 0; i < design.arms.length; i++) {
    cumulative += w[i]! / total;
    if (v < cumulative) return design.arms[i]!.name;
  }
  return design.arms[design.arms.length - 1]!.name;
}

/** The planned shares of each arm, holdout last, for the sample-ratio check. */
export function plannedShares(design: Pick<ExperimentDesign, 'arms' | 'holdoutShare'>): number[] {
  const total = design.arms.reduce((s, a) => s + a.weight, 0);
  return [...design.arms.map((a) => (a.weight / total) * (1 - design.holdoutShare)), design.holdoutShare];
}

/** Whether a planned message falls in the experiment's scope. */
export function inScope(
  design: Pick<ExperimentDesign, 'territory' | 'stage' | 'purpose' | 'channel'>,
  message: { territory: string; stage: string; purpose: string; channel: string },
): boolean {
  return (
    design.territory === message.territory &&
    design.stage === message.stage &&
    design.purpose === message.purpose &&
    design.channel === message.channel
  );
}

/** A purpose of the territory's playbook, as far as an experiment's target needs it. */
export interface PlannedPurpose {
  id: string;
  stage: string;
}

/**
 * Why an experiment cannot target this purpose at this stage (null: it can): the purpose must be
 * one the territory's playbook plans at that stage, or no household would ever be assigned.
 */
export function purposeProblem(planned: readonly PlannedPurpose[], stage: string, purpose: string): string | null {
  const atStage = [...new Set(planned.filter((p) => p.stage === stage).map((p) => p.id))];
  if (atStage.includes(purpose)) return null;
  const possible =
    atStage.length > 0
      ? `objets possibles à l’étape ${stage} : ${atStage.join(', ')}`
      : `le playbook ne prévoit aucun message à l’étape ${stage} : choisissez une autre étape`;
  const elsewhere = [...new Set(planned.filter((p) => p.id === purpose).map((p) => p.stage))];
  return elsewhere.length > 0
    ? `le playbook du territoire ne prévoit « ${purpose} » qu’à l’étape ${elsewhere.join(', ')}, pas à l’étape ${stage} ; ${possible}`
    : `« ${purpose} » n’est pas un objet du playbook du territoire ; ${possible}`;
}
