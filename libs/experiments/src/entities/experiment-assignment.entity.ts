import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The arm a household was put in, once, at its first message of the experiment: kept for every
 * later message. `respondedAt` is the first primary response within the window (set by analytics).
 */
@Entity({ name: 'experiment_assignment' })
@Index('ix_experiment_assignment_household', ['householdId'])
@Index('ix_experiment_assignment_report', ['experimentId', 'arm', 'respondedAt'])
export class ExperimentAssignment {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid' })
  experimentId: string;

  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  arm: string;

  /** The template library's variant id rendered for this arm. */
  @Column({ type: 'text' })
  variant: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
