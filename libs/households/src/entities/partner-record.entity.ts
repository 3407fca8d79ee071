import { BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { blindIndex, sealedText } from '@unisson/crypto';

const sealed = (column: string) => sealedText(`partner_record.${column}`);

/**
 * A partner's own view of a household: its reference, names, address and contacts. The person's
 * data is sealed at rest (libs/crypto, decision 0020): only the postal code (aggregates, audience
 * filters) and the partner's reference stay clear; phone and e-mail are found by blind index.
 */
@Entity({ name: 'partner_record' })
@Index('uq_partner_record_ref', ['partnerId', 'partnerRef'], { unique: true })
export class PartnerRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ name: 'partner_ref', type: 'text' })
  partnerRef: string;

  @Index()
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'last_name', type: 'text', transformer: sealed('last_name') })
  lastName: string;

  @Column({ name: 'first_name', type: 'text', transformer: sealed('first_name') })
  firstName: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'birth_date', type: 'text', nullable: true, transformer: sealed('birth_date') })
  birthDate: string | null;

  @Column({ type: 'text', transformer: sealed('street') })
  street: string;

  @Column({ name: 'address_extra', type: 'text', transformer: sealed('address_extra'), nullable: true })
  addressExtra: string | null;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text', transformer: sealed('city') })
  city: string;

  /** E.164. */
  @Column({ type: 'text', nullable: true, transformer: sealed('phone') })
  phone: string | null;

  @Column({ type: 'text', nullable: true, transformer: sealed('email') })
  email: string | null;

  /** Keyed blind index of the phone (an SMS reply names a number, not a household). */
  @Index('ix_partner_record_phone_index')
  @Column({ name: 'phone_index', type: 'text', nullable: true })
  phoneIndex: string | null;

  @Column({ name: 'email_index', type: 'text', nullable: true })
  emailIndex: string | null;

  @Column({ name: 'caf_number', type: 'text', transformer: sealed('caf_number'), nullable: true })
  cafNumber: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @BeforeInsert()
  @BeforeUpdate()
  indexContacts(): void {
    Object.assign(this, contactIndexes(this));
  }
}

/** The blind indexes of a record's contacts (what `repository.update` calls must set alongside them). */
export function contactIndexes(contacts: {
  phone?: string | null;
  email?: string | null;
}): Partial<Pick<PartnerRecord, 'phoneIndex' | 'emailIndex'>> {
  const indexes: Partial<Pick<PartnerRecord, 'phoneIndex' | 'emailIndex'>> = {};
  if (contacts.phone !== undefined) indexes.phoneIndex = blindIndex('phone', contacts.phone);
  if (contacts.email !== undefined) indexes.emailIndex = blindIndex('email', contacts.email?.trim().toLowerCase());
  return indexes;
}
