import { Injectable, Logger } from '@nestjs/common';
import { PlaybookCatalog } from '@unisson/coordination';
import { UnissonError } from '@unisson/platform';
import { analyseExperiment, ExperimentReport, thompsonWeights } from './domain/analysis';
import { ExperimentDesign, plannedSampleSize, PlannedPurpose, purposeProblem } from './domain/experiment';
import { NewExperimentInput } from './dto/experiment.schemas';
import { Experiment } from './entities/experiment.entity';
import { ExperimentsRepository } from './experiments.repository';

export const designOf = (e: Experiment): ExperimentDesign => ({
  key: e.key,
  name: e.name,
  territory: e.territory,
  stage: e.stage,
  purpose: e.purpose,
  channel: e.channel,
  arms: e.arms,
  holdoutShare: e.holdoutShare,
  primaryResponseKinds: e.primaryResponseKinds,
  responseWindowDays: e.responseWindowDays,
  baselineRate: e.baselineRate,
  minimumDetectableEffect: e.minimumDetectableEffect,
  alpha: e.alpha,
  power: e.power,
});

export interface ExperimentWithReport {
  experiment: Experiment;
  report: ExperimentReport;
}

/** Declaring, stopping and reading experiments; the report is computed from the assignments. */
@Injectable()
export class ExperimentsService {
  private readonly logger = new Logger('Experiments');

  constructor(
    private readonly experiments: ExperimentsRepository,
    private readonly playbooks: PlaybookCatalog,
  ) {}

  async create(input: NewExperimentInput, createdBy: string): Promise<Experiment> {
    this.checkTarget(input);
    if (await this.experiments.findByKey(input.key))
      throw UnissonError.conflict('EXPERIMENT_KEY_TAKEN', `Une expérience porte déjà la clé ${input.key}.`);
    const scope = { territory: input.territory, stage: input.stage, purpose: input.purpose, channel: input.channel };
    if (await this.experiments.findRunningFor(scope))
      throw UnissonError.conflict(
        'EXPERIMENT_ALREADY_RUNNING',
        'Une expérience est déjà en cours sur ce territoire, cette étape, cet objet et ce canal : arrêtez-la d’abord.',
      );
    const design: ExperimentDesign = { ...input, arms: input.arms.map((a) => ({ ...a })) };
    const plan = plannedSampleSize(design);
    const experiment = await this.experiments.insert({ ...design, allocation: input.allocation, plannedUnits: plan.total, createdBy });
    this.logger.log({ experiment: experiment.key, plannedUnits: plan.total }, 'experiment declared');
    return experiment;
  }

  /** The purpose must be one the territory's playbook plans at the stage: else no household would ever be in the experiment. */
  private checkTarget(input: Pick<NewExperimentInput, 'territory' | 'stage' | 'purpose'>): void {
    let planned: readonly PlannedPurpose[];
    try {
      planned = this.playbooks.forTerritory(input.territory, new Date().toISOString().slice(0, 10)).purposes;
    } catch {
      throw UnissonError.validation([{ field: 'territory', message: `aucun playbook en vigueur pour le territoire ${input.territory}` }]);
    }
    const problem = purposeProblem(planned, input.stage, input.purpose);
    if (problem) throw UnissonError.validation([{ field: 'purpose', message: problem }]);
  }

  list(): Promise<Experiment[]> {
    return this.experiments.list();
  }

  async get(id: string): Promise<Experiment> {
    const e = await this.experiments.findById(id);
    if (!e) throw UnissonError.notFound();
    return e;
  }

  async stop(id: string, at: Date): Promise<Experiment> {
    await this.get(id);
    await this.experiments.stop(id, at);
    return this.get(id);
  }

  async report(id: string): Promise<ExperimentWithReport> {
    const experiment = await this.get(id);
    return { experiment, report: analyseExperiment(designOf(experiment), await this.experiments.countsByArm(id)) };
  }

  /** Analytics tells of each response: assignments whose primary response it is are marked. */
  noteResponses(responses: ReadonlyArray<{ householdId: string; kind: string; occurredAt: Date }>): Promise<number> {
    return this.experiments.markResponded(responses);
  }

  /** Re-weighs every running adaptive experiment (after new responses). */
  async reweighAdaptive(): Promise<void> {
    for (const e of await this.experiments.list()) if (e.allocation === 'thompson' && e.status === 'running') await this.reweigh(e.id);
  }

  /** Thompson sampling: new households of adaptive experiments follow the arms' current chances (floor 10 %). */
  async reweigh(id: string): Promise<number[] | null> {
    const experiment = await this.get(id);
    if (experiment.allocation !== 'thompson' || experiment.status !== 'running') return null;
    const counts = await this.experiments.countsByArm(id);
    const weights = thompsonWeights(
      experiment.arms.map((a) => counts.find((c) => c.arm === a.name) ?? { units: 0, responders: 0 }),
      0.1,
    );
    await this.experiments.saveWeights(id, weights);
    return weights;
  }
}
