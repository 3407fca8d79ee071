import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * requested → calling_agent → calling_household → connected → ended; `failed` when the agent's
 * phone could not be called or did not answer (the household's phone then never rings).
 */
export const CLICK_TO_CALL_STATUSES = ['requested', 'calling_agent', 'calling_household', 'connected', 'ended', 'failed'] as const;
export type ClickToCallStatus = (typeof CLICK_TO_CALL_STATUSES)[number];

/** An agent's phone bridged to a household's, the household seeing the partner's number. */
@Entity({ name: 'click_to_call' })
@Index('ix_click_to_call_household', ['householdId', 'createdAt'])
export class ClickToCallRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ux_click_to_call_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  /** Who asked for the call: `account:<id>` or `key:<id>`, never a name. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  /** The agent's work phone (E.164), called first. */
  @Column({ name: 'agent_phone', type: 'text' })
  agentPhone: string;

  /** The partner's number the household sees. */
  @Column({ name: 'caller_id', type: 'text' })
  callerId: string;

  @Column({ type: 'text', default: 'requested' })
  status: ClickToCallStatus;

  @Column({ name: 'agent_call_sid', type: 'text', nullable: true })
  agentCallSid: string | null;

  @Column({ name: 'household_call_sid', type: 'text', nullable: true })
  householdCallSid: string | null;

  /** Twilio's last word on the household's leg (completed, busy, no-answer…). */
  @Column({ name: 'household_call_status', type: 'text', nullable: true })
  householdCallStatus: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
