import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ExperimentArm } from '../domain/experiment';

export const EXPERIMENT_STATUSES = ['running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export const ALLOCATIONS = ['fixed', 'thompson'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

/** An experiment as declared before its first message: nothing here changes once it runs, but its status and adaptive weights. */
@Entity({ name: 'experiment' })
@Index('ux_experiment_running_scope', ['territory', 'stage', 'purpose', 'channel'], { unique: true, where: `status = 'running'` })
export class Experiment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'jsonb' })
  arms: ExperimentArm[];

  @Column({ name: 'holdout_share', type: 'double precision' })
  holdoutShare: number;

  @Column({ name: 'primary_response_kinds', type: 'text', array: true })
  primaryResponseKinds: string[];

  @Column({ name: 'response_window_days', type: 'integer' })
  responseWindowDays: number;

  @Column({ name: 'baseline_rate', type: 'double precision' })
  baselineRate: number;

  @Column({ name: 'minimum_detectable_effect', type: 'double precision' })
  minimumDetectableEffect: number;

  @Column({ type: 'double precision' })
  alpha: number;

  @Column({ type: 'double precision' })
  power: number;

  /** Households planned in all arms (the confidence sequence's tuning size), fixed at creation. */
  @Column({ name: 'planned_units', type: 'integer' })
  plannedUnits: number;

  @Column({ type: 'text', default: 'fixed' })
  allocation: Allocation;

  /** Thompson sampling's current weights (null: the declared weights). */
  @Column({ name: 'current_weights', type: 'double precision', array: true, nullable: true })
  currentWeights: number[] | null;

  @Column({ type: 'text', default: 'running' })
  status: ExperimentStatus;

  /** The person or key that declared it (account or partner id), for the audit trail. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;
}
