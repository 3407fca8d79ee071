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
   * Responses of households: each assignment keeps the first primary response within its window
   * (a response before the household's first message of the experiment does not count).
   */
  async markResponded(responses: ReadonlyArray<{ householdId: string; kind: string; occurredAt: Date }>): Promise<number> {
    if (!responses.length) return 0;
    // Only the kinds some experiment counts reach the join (most responses are not primary anywhere).
    const primary: Array<{ kind: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(primary_response_kinds) AS kind FROM experiment`,
    );
    const kinds = new Set(primary.map((p) => p.kind));
    const counted = responses.filter((r) => kinds.has(r.kind));
    if (!counted.length) return 0;
    const rows: unknown = await this.dataSource.query(
      `UPDATE experiment_assignment a SET responded_at = x.first_at
         FROM (SELECT a2.experiment_id, a2.household_id, min(r.occurred_at) AS first_at
                 FROM jsonb_to_recordset($1::jsonb) AS r(household_id uuid, kind text, occurred_at timestamptz)
                 JOIN experiment_assignment a2 ON a2.household_id = r.household_id
                 JOIN experiment e ON e.id = a2.experiment_id
                WHERE r.kind = ANY (e.primary_response_kinds) AND r.occurred_at >= a2.assigned_at
                  AND r.occurred_at <= a2.assigned_at + make_interval(days => e.response_window_days)
                GROUP BY a2.experiment_id, a2.household_id) x
        WHERE a.experiment_id = x.experiment_id AND a.household_id = x.household_id
          AND (a.responded_at IS NULL OR a.responded_at > x.first_at)
        RETURNING a.household_id`,
      [JSON.stringify(counted.map((r) => ({ household_id: r.householdId, kind: r.kind, occurred_at: r.occurredAt })))],
    );
    const list = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length;
  }

  /** Units and primary responders per arm (holdout included), from the tally PostgreSQL keeps on every assignment write. */
  async countsByArm(experimentId: string): Promise<ArmCounts[]> {
    const rows: Array<{ arm: string; units: string; responders: string }> = await this.dataSource.query(
      `SELECT arm, sum(units) AS units, sum(responders) AS responders FROM experiment_arm_tally WHERE experiment_id = $1
        GROUP BY arm HAVING sum(units) > 0 ORDER BY arm`,
      [experimentId],
    );
    return rows.map((r) => ({ arm: r.arm, units: Number(r.units), responders: Number(r.responders) }));
  }

  /** The same figures counted from the assignments themselves: what the tally must always equal (tests, benchmark). */
  async countsByArmFromScratch(experimentId: string): Promise<ArmCounts[]> {
    const rows: Array<{ arm: string; units: string; responders: string }> = await this.dataSource.query(
      `SELECT arm, count(*) AS units, count(responded_at) AS responders FROM experiment_assignment WHERE experiment_id = $1
        GROUP BY arm ORDER BY arm`,
      [experimentId],
    );
    return rows.map((r) => ({ arm: r.arm, units: Number(r.units), responders: Number(r.responders) }));
  }
}
