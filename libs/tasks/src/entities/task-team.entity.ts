import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskChannel } from '../domain/task-channel';

/** A team of a partner that works call or visit tasks on some territories (a call platform, a mobile team, CAF social workers). */
@Entity({ name: 'task_team' })
@Index('ix_task_team_partner', ['partnerId'])
export class TaskTeam {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task_team' })
  id: string;

  /** The partner it belongs to: its people (call agents, staff) and its API keys with `tasks:work` work its tasks. */
  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  territories: string[];

  @Column({ type: 'text', array: true })
  channels: TaskChannel[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
