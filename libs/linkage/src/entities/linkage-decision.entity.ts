import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HumanDecisionKind } from '../domain/review-decisions';

/** A human review decision. Append-only; the latest decision on a pair wins; automatic runs obey it. */
@Entity({ name: 'linkage_decision' })
@Check('linkage_decision_kind_check', `"kind" IN ('confirm', 'split', 'merge')`)
@Index('ix_linkage_decision_territory', ['territory'])
@Index('ix_linkage_decision_left', ['leftRecordId'])
@Index('ix_linkage_decision_right', ['rightRecordId'])
export class LinkageDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ type: 'text' })
  kind: HumanDecisionKind;

  @Column({ name: 'left_record_id', type: 'text' })
  leftRecordId: string;

  @Column({ name: 'right_record_id', type: 'text' })
  rightRecordId: string;

  /** Who decided (partner id or reviewer reference), never a name. */
  @Column({ name: 'decided_by', type: 'text' })
  decidedBy: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
