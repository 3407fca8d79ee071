import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A territory's sharing agreement for one partner kind: which fields of the shared coordination
 * view that kind may see (see SHARED_VIEW_FIELDS in @unisson/access), for eviction prevention only.
 */
@Entity({ name: 'sharing_agreement' })
@Index('uq_sharing_agreement', ['territory', 'partnerKind'], { unique: true })
export class SharingAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'partner_kind', type: 'text' })
  partnerKind: string;

  @Column({ type: 'text', array: true })
  fields: string[];

  /** Reference of the signed agreement (convention, délibération), shown to partners. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  /** Account that last changed it. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
