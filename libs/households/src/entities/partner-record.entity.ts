import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A partner's own view of a household: its reference, names, address and contacts. */
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

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'text' })
  street: string;

  @Column({ name: 'address_extra', type: 'text', nullable: true })
  addressExtra: string | null;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text' })
  city: string;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'caf_number', type: 'text', nullable: true })
  cafNumber: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
