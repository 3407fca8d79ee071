import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One status Twilio posted for one call (a retried callback is kept once). */
@Entity({ name: 'call_status_event' })
@Index('ux_call_status_event_call_status', ['callSid', 'callStatus'], { unique: true })
@Index('ix_call_status_event_click_to_call', ['clickToCallId'])
export class CallStatusEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'call_sid', type: 'text' })
  callSid: string;

  @Column({ name: 'parent_call_sid', type: 'text', nullable: true })
  parentCallSid: string | null;

  @Column({ name: 'call_status', type: 'text' })
  callStatus: string;

  /** `voice_message` (a spoken message), `agent` or `household` (the two legs of a click-to-call). */
  @Column({ type: 'text' })
  leg: string;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'click_to_call_id', type: 'uuid', nullable: true })
  clickToCallId: string | null;

  @Column({ name: 'sequence_number', type: 'integer', nullable: true })
  sequenceNumber: number | null;

  @Column({ name: 'duration_seconds', type: 'integer', nullable: true })
  durationSeconds: number | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
