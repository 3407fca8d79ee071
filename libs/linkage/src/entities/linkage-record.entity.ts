import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sealedJsonColumn } from '@unisson/crypto';

export const NORMALISED_CONTEXT = 'linkage_record.normalised';

/** A partner record as seen by household matching: its normalised form and its household. */
@Entity({ name: 'linkage_record' })
@Index('ix_linkage_record_household', ['territory', 'householdKey'])
export class LinkageRecord {
  /** partner_record.id (or the record id of a CSV import). */
  @PrimaryColumn({ name: 'record_id', type: 'text' })
  recordId: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'household_key', type: 'text' })
  householdKey: string;

  /** The NormalisedRecord (names, address, contacts in comparable form), sealed at rest (libs/crypto). */
  @Column({ type: 'text', transformer: sealedJsonColumn(NORMALISED_CONTEXT) })
  normalised: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
