import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A partner's wish to tell a household something at a stage (resolved to Unisson's household). */
@Entity({ name: 'contact_intent' })
@Index('ix_contact_intent_household', ['householdId', 'stage'])
export class ContactIntentRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId: string;

  @Column({ name: 'partner_kind', type: 'text' })
  partnerKind: string;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'boolean', default: false })
  legal: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Column({ name: 'callback_phone', type: 'text', nullable: true })
  callbackPhone: string | null;

  /** The partner's own idempotency key: posting the same intent twice stores it once. */
  @Index('ux_contact_intent_idempotency', { unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
