import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { STAGE_EVENT_TYPES, StageEventType } from '@unisson/vocabulary';

/** Something that happened in a procedure, as a partner reported it. Append-only. */
@Entity({ name: 'stage_event' })
@Index('ix_stage_event_recorded', ['recordedAt', 'id'])
export class StageEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId: string;

  @Column({ type: 'enum', enum: STAGE_EVENT_TYPES, enumName: 'stage_event_type' })
  type: StageEventType;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'reported_by_partner_id', type: 'uuid' })
  reportedByPartnerId: string;

  /** The intake submission this event came from (idempotency across retries). */
  @Index({ unique: true })
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
