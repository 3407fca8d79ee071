import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A procedure event of a household (first of its type: commandement, assignation, CFP…), for the funnel and the charter's procedure figures. */
@Entity({ name: 'analytics_stage' })
@Index('ix_analytics_stage_territory', ['territory', 'event'])
@Index('ix_analytics_stage_period', ['territory', 'event', 'occurredAt'])
@Index('ix_analytics_stage_event_period', ['event', 'occurredAt'])
export class StageFact {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** The stage event type of the vocabulary (`commandement_de_payer`, `cfp_accorde`, `dette_soldee`…). */
  @PrimaryColumn({ type: 'text' })
  event: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'housing_sector', type: 'text', nullable: true })
  housingSector: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
