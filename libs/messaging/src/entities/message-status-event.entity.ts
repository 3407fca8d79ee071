import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MESSAGE_STATUSES, MessageStatus } from '../domain/message-status';

/** Audit of every status change of a message, with what caused it. Append-only. */
@Entity({ name: 'message_status_event' })
export class MessageStatusEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'from_status', type: 'enum', enum: MESSAGE_STATUSES, enumName: 'message_status', nullable: true })
  fromStatus: MessageStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: MESSAGE_STATUSES, enumName: 'message_status' })
  toStatus: MessageStatus;

  /** "worker", "twilio_callback", "smtp", "reconciler", "planner". */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'provider_status', type: 'text', nullable: true })
  providerStatus: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
