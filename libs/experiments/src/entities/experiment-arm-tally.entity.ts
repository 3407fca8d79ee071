import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Households and primary responders of one arm (one of 16 shards of it), kept by PostgreSQL's
 * triggers on `experiment_assignment` (migration 1815000000000): the report sums these rows.
 */
@Entity({ name: 'experiment_arm_tally' })
export class ExperimentArmTally {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid' })
  experimentId: string;

  @PrimaryColumn({ type: 'text' })
  arm: string;

  @PrimaryColumn({ type: 'smallint' })
  shard: number;

  @Column({ type: 'bigint' })
  units: string;

  @Column({ type: 'bigint' })
  responders: string;
}
