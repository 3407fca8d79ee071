import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LinkSource = 'automatic' | 'human';
export type LinkStatus = 'linked' | 'review';

/** A link (or a pair waiting for review) with its explanation, for audit. */
@Entity({ name: 'linkage_link' })
@Check('linkage_link_status_check', `"status" IN ('linked', 'review')`)
@Check('linkage_link_source_check', `"source" IN ('automatic', 'human')`)
@Index('ix_linkage_link_left', ['leftRecordId'])
@Index('ix_linkage_link_right', ['rightRecordId'])
@Index('ix_linkage_link_territory_status', ['territory', 'status'])
export class LinkageLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'left_record_id', type: 'text' })
  leftRecordId: string;

  @Column({ name: 'right_record_id', type: 'text' })
  rightRecordId: string;

  @Column({ type: 'text' })
  status: LinkStatus;

  @Column({ type: 'text' })
  source: LinkSource;

  @Column({ type: 'double precision' })
  probability: number;

  /** Sum of log2(m/u) plus the prior, in bits. */
  @Column({ name: 'match_weight', type: 'double precision' })
  matchWeight: number;

  /** FieldEvidence[]: which fields agreed, at which level, with which weight. */
  @Column({ type: 'jsonb' })
  evidence: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
