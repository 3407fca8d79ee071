import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_VARIANT, variantId } from '@unisson/templates';
import { armOf, HOLDOUT_ARM } from './domain/experiment';
import { Experiment } from './entities/experiment.entity';
import { ExperimentsRepository, Scope } from './experiments.repository';

export interface VariantAssignment {
  experimentId: string;
  experimentKey: string;
  arm: string;
  /** The template library's variant id to render. */
  variant: string;
}

/** The library's default wording: what every message outside an experiment, and the holdout, gets. */
export const DEFAULT_VARIANT_ID = variantId(DEFAULT_VARIANT);

/**
 * Messaging asks, before wording a planned message: is this household in an experiment here, and
 * in which arm? The first answer is stored and kept for every later message of the household.
 */
@Injectable()
export class ExperimentAssigner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsRepository,
  ) {}

  async assign(householdId: string, scope: Scope, at: Date): Promise<VariantAssignment | null> {
    const experiment = await this.experiments.findRunningFor(scope);
    if (!experiment) return null;
    const arm = armOf(experiment, householdId, experiment.allocation === 'thompson' ? (experiment.currentWeights ?? undefined) : undefined);
    const kept = await this.experiments.assignOnce(this.dataSource.manager, {
      experimentId: experiment.id,
      householdId,
      arm,
      variant: variantOfArm(experiment, arm),
      assignedAt: at,
    });
    return { experimentId: experiment.id, experimentKey: experiment.key, arm: kept.arm, variant: kept.variant };
  }
}

export function variantOfArm(experiment: Pick<Experiment, 'arms'>, arm: string): string {
  if (arm === HOLDOUT_ARM) return DEFAULT_VARIANT_ID;
  return experiment.arms.find((a) => a.name === arm)?.variant ?? DEFAULT_VARIANT_ID;
}
