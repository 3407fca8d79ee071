import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something the household did in answer: an SMS reply, a STOP, a call-back, an appointment
 * taken, attendance at the hearing. Tied to the message (and so to the exact template version)
 * when known.
 */
@Entity({ name: 'inbound_response' })
export class InboundResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Index()
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ type: 'text' })
  channel: string;

  /** "sms_reply", "opt_out", "call_back", "appointment", "hearing_attended", "page_visit". */
  @Column({ type: 'text' })
  kind: string;

  /** Provider id of the inbound event, for deduplication of webhook retries. */
  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
