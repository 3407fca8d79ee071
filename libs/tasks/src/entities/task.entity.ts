import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TaskChannel } from '../domain/task-channel';
import type { TaskState } from '../domain/task-life';
import { sealedText } from '@unisson/crypto';

/** One call or home visit to make, created once per message (its idempotency key), worked by one team. */
@Entity({ name: 'task' })
@Index('uq_task_message_key', ['messageIdempotencyKey'], { unique: true })
@Index('ix_task_household', ['householdId'])
@Index('ix_task_team_due', { synchronize: false })
@Index('ix_task_agent_held', { synchronize: false })
@Index('ix_task_reserved_until', { synchronize: false })
@Index('ix_task_wrap_up', { synchronize: false })
@Index('uq_task_open_callback', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task' })
  id: string;

  @Column({ name: 'message_idempotency_key', type: 'text' })
  messageIdempotencyKey: string;

  /** Null for a call-back the household asked for: no message carries it (decision 0031). */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  channel: TaskChannel;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ type: 'text' })
  locale: string;

  /** Phone number (calls) or postal address block (visits); sealed at rest (libs/crypto). */
  @Column({ type: 'text', transformer: sealedText('task.recipient') })
  recipient: string;

  /** The call script or visit script from the template library, in the household's language; sealed at rest. */
  @Column({ type: 'text', transformer: sealedText('task.script') })
  script: string;

  @Column({ name: 'template_key', type: 'text' })
  templateKey: string;

  @Column({ name: 'template_version', type: 'text' })
  templateVersion: string;

  @Column({ name: 'lead_partner_id', type: 'uuid', nullable: true })
  leadPartnerId: string | null;

  @Column({ name: 'only_if_no_response', type: 'boolean', default: false })
  onlyIfNoResponse: boolean;

  @Column({ name: 'routing_rule', type: 'text' })
  routingRule: string;

  @Column({ name: 'routing_reason', type: 'text' })
  routingReason: string;

  @Column({ type: 'text', default: 'pending' })
  state: TaskState;

  /** `account:<id>` or `key:<id>` while reserved, assigned or in wrap-up. */
  @Column({ type: 'text', nullable: true })
  agent: string | null;

  @Column({ name: 'reserved_until', type: 'timestamptz', nullable: true })
  reservedUntil: Date | null;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome: string | null;

  @Column({ name: 'last_outcome_at', type: 'timestamptz', nullable: true })
  lastOutcomeAt: Date | null;

  /** Set with the outcome: when the next attempt is due, or null when the task is done. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** The caps (or the deadline) left the household unreachable by this task: the plan moves to its next channel. */
  @Column({ type: 'boolean', default: false })
  unreachable: boolean;

  /** When the outcome's response event and re-plan were applied (null: still to apply, the sweep does it). */
  @Column({ name: 'effects_applied_at', type: 'timestamptz', nullable: true })
  effectsAppliedAt: Date | null;

  /** The slot a household chose for its call-back (`soonest`, `10:00-13:00`…); null for a planned call or visit. */
  @Column({ name: 'callback_slot', type: 'text', nullable: true })
  callbackSlot: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** Last time the sweep checked the plan still needs it. */
  @Column({ name: 'checked_at', type: 'timestamptz', default: () => 'now()' })
  checkedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
