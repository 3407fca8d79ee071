import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sealedText } from '@unisson/crypto';

/** One attempt at a household (a call made, a door knocked at): the attempts caps count these. */
@Entity({ name: 'task_attempt' })
@Index('ix_task_attempt_household', ['householdId', 'channel', 'at'])
@Index('ix_task_attempt_task', ['taskId'])
export class TaskAttempt {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task_attempt' })
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text' })
  agent: string;

  /** What the caller wrote after the attempt (kept for the team, never logged; sealed at rest). */
  @Column({ type: 'text', nullable: true, transformer: sealedText('task_attempt.note') })
  note: string | null;

  @Column({ name: 'callback_at', type: 'timestamptz', nullable: true })
  callbackAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
