import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Analytics' read model of one worded message: what was sent, to which kind of household, from
 * which plan, in which variant. Identifiers and categories only: no name, phone, address or text.
 */
@Entity({ name: 'analytics_message' })
/** Carries message_id, purpose and territory too (INCLUDE, migration 1815000000002): attribution reads the index alone. */
// (household_id, composed_at) INCLUDE (…), which TypeORM cannot say: the migration owns it; synchronize: false keeps the drift check off it.
@Index('ix_analytics_message_household', { synchronize: false })
@Index('ix_analytics_message_territory', ['territory', 'composedAt'])
@Index('ix_analytics_message_experiment', ['experimentId', 'arm'], { where: 'experiment_id IS NOT NULL' })
export class MessageFact {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'plan_id', type: 'text', nullable: true })
  planId: string | null;

  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'housing_sector', type: 'text', nullable: true })
  housingSector: string | null;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'template_key', type: 'text' })
  templateKey: string;

  @Column({ name: 'template_version', type: 'text' })
  templateVersion: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text' })
  variant: string;

  @Column({ name: 'experiment_id', type: 'uuid', nullable: true })
  experimentId: string | null;

  @Column({ type: 'text', nullable: true })
  arm: string | null;

  /** Partners' requests merged into this message: what the household would have received without coordination. */
  @Column({ name: 'absorbed_requests', type: 'integer' })
  absorbedRequests: number;

  @Column({ name: 'composed_at', type: 'timestamptz' })
  composedAt: Date;
}
