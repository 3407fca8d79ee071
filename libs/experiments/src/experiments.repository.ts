import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ArmCounts } from './domain/analysis';
import { ExperimentAssignment } from './entities/experiment-assignment.entity';
import { Experiment } from './entities/experiment.entity';

export interface Scope {
  territory: string;
  stage: string;
  purpose: string;
  channel: string;
}

@Injectable()
export class ExperimentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(experiment: Omit<Experiment, 'id' | 'createdAt' | 'stoppedAt' | 'status' | 'currentWeights'>): Promise<Experiment> {
    return this.dataSource.getRepository(Experiment).save(this.dataSource.getRepository(Experiment).create(experiment));
  }

  findById(id: string): Promise<Experiment | null> {
    return this.dataSource.getRepository(Experiment).findOne({ where: { id } });
  }

  findByKey(key: string): Promise<Experiment | null> {
    return this.dataSource.getRepository(Experiment).findOne({ where: { key } });
  }

  list(): Promise<Experiment[]> {
    return this.dataSource.getRepository(Experiment).find({ order: { createdAt: 'DESC' } });
  }

  findRunningFor(scope: Scope): Promise<Experiment | null> {
    return this.dataSource.getRepository(Experiment).findOne({ where: { ...scope, status: 'running' } });
  }

  async stop(id: string, at: Date): Promise<boolean> {
    const r = await this.dataSource.getRepository(Experiment).update({ id, status: 'running' }, { status: 'stopped', stoppedAt: at });
    return (r.affected ?? 0) > 0;
  }

  saveWeights(id: string, weights: number[]): Promise<unknown> {
    return this.dataSource.getRepository(Experiment).update({ id }, { currentWeights: weights });
  }

  /** Keeps the first assignment of the household: a later message gets the same arm. */
  async assignOnce(manager: EntityManager, row: Omit<ExperimentAssignment, 'respondedAt'>): Promise<ExperimentAssignment> {
    await manager.query(
      `INSERT INTO experiment_assignment (experiment_id, household_id, arm, variant, assigned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (experiment_id, household_id) DO NOTHING`,
      [row.experimentId, row.householdId, row.arm, row.variant, row.assignedAt],
    );
    return (await manager.findOneOrFail(ExperimentAssignment, {
      where: { experimentId: row.experimentId, householdId: row.householdId },
    }))!;
  }

  /**
   * A response of the household: the first primary response within the window of each running or
   * stopped experiment it is in. Returns how many assignments it marked.
   */
  async markResponded(householdId: string, kind: string, occurredAt: Date): Promise<number> {
    const rows: unknown = await this.dataSource.query(
      `UPDATE experiment_assignment a SET responded_at = $3
         FROM experiment e
        WHERE a.household_id = $1 AND e.id = a.experiment_id AND $2 = ANY (e.primary_response_kinds)
          AND $3 >= a.assigned_at AND $3 <= a.assigned_at + make_interval(days => e.response_window_days)
          AND (a.responded_at IS NULL OR a.responded_at > $3)
        RETURNING a.household_id`,
      [householdId, kind, occurredAt],
    );
    const list = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length;
  }

  /** Units and primary responders per arm (holdout included). */
  async countsByArm(experimentId: string): Promise<ArmCounts[]> {
    const rows: Array<{ arm: string; units: string; responders: string }> = await this.dataSource.query(
      `SELECT arm, count(*) AS units, count(responded_at) AS responders FROM experiment_assignment WHERE experiment_id = $1 GROUP BY arm`,
      [experimentId],
    );
    return rows.map((r) => ({ arm: r.arm, units: Number(r.units), responders: Number(r.responders) }));
  }
}
