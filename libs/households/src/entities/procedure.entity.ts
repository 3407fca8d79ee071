import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { HousingSector, PROCEDURE_STAGES, ProcedureStage } from '@unisson/vocabulary';

/** A rent-arrears procedure between a household and its landlord. */
@Entity({ name: 'procedure' })
@Index('ix_procedure_household_open', ['householdId', 'closedAt'])
export class Procedure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** The landlord partner who reported the arrears. */
  @Column({ name: 'landlord_partner_id', type: 'uuid' })
  landlordPartnerId: string;

  @Column({ type: 'enum', enum: PROCEDURE_STAGES, enumName: 'procedure_stage' })
  stage: ProcedureStage;

  @Column({ name: 'housing_sector', type: 'text' })
  housingSector: HousingSector;

  @Column({ name: 'lease_signed_on', type: 'date', nullable: true })
  leaseSignedOn: string | null;

  @Column({ name: 'monthly_rent_cents', type: 'integer', nullable: true })
  monthlyRentCents: number | null;

  @Column({ name: 'debt_cents', type: 'integer' })
  debtCents: number;

  @Column({ name: 'first_unpaid_on', type: 'date' })
  firstUnpaidOn: string;

  @Column({ name: 'hearing_at', type: 'timestamptz', nullable: true })
  hearingAt: Date | null;

  @Column({ name: 'hearing_place', type: 'text', nullable: true })
  hearingPlace: string | null;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
