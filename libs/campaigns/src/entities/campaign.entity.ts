import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignStatus, CampaignTarget } from '../domain/campaign';

/** A campaign of the CAF, the State or the Département: a target, a purpose, a schedule, two people. */
@Entity({ name: 'campaign' })
@Index('ix_campaign_partner', ['partnerId', 'createdAt'])
@Index('ix_campaign_status', ['status', 'scheduledAt'])
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ type: 'text' })
  name: string;

  /** A purpose of the territory's playbook at the target stage. */
  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ type: 'jsonb' })
  target: CampaignTarget;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'text', default: 'draft' })
  status: CampaignStatus;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Households are taken in id order; the last one done, so a paused or restarted run resumes. */
  @Column({ name: 'cursor_household_id', type: 'uuid', nullable: true })
  cursorHouseholdId: string | null;

  @Column({ name: 'intents_produced', type: 'integer', default: 0 })
  intentsProduced: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
