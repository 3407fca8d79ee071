import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One response of a household, or one outcome reported about it, tied when known to the message
 * and planned contact that preceded it. Unique by idempotency key: a retried webhook, a page
 * reloaded or a form posted twice is counted once. No personal data: identifiers and facts only.
 */
@Entity({ name: 'response_event' })
@Index('uq_response_event_key', ['idempotencyKey'], { unique: true })
@Index('ix_response_event_household', ['householdId', 'occurredAt'])
@Index('ix_response_event_message', ['messageId'])
@Index('ix_response_event_recorded', ['recordedAt', 'id'])
export class ResponseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  /** The partner that reported it (partner reports, call agents' organisation), when one did. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, string | number | boolean | null>;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
