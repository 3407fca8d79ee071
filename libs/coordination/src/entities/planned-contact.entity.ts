import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PLANNED_CONTACT_STATUSES = ['planned', 'handedOff', 'cancelled'] as const;
export type PlannedContactStatus = (typeof PLANNED_CONTACT_STATUSES)[number];

/** One contact of a plan. `contact_key` is the idempotency key: one row, one job, one hand-off. */
@Entity({ name: 'planned_contact' })
@Index('ix_planned_contact_plan_status', ['planId', 'status'])
@Index('ix_planned_contact_household', ['householdId'])
@Index('ix_planned_contact_status_due', ['status', 'notBefore'])
@Index('ix_planned_contact_status_handed_off', ['status', 'handedOffAt'])
export class PlannedContactRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ux_planned_contact_key', { unique: true })
  @Column({ name: 'contact_key', type: 'text' })
  contactKey: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text', array: true })
  purposes: string[];

  @Column({ type: 'boolean' })
  legal: boolean;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'integer' })
  step: number;

  @Column({ name: 'only_if_no_response', type: 'boolean' })
  onlyIfNoResponse: boolean;

  @Column({ name: 'lead_partner_id', type: 'text' })
  leadPartnerId: string;

  @Column({ name: 'co_signing_partner_ids', type: 'text', array: true })
  coSigningPartnerIds: string[];

  @Column({ name: 'callback_phone', type: 'text', nullable: true })
  callbackPhone: string | null;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Column({ name: 'not_after', type: 'timestamptz', nullable: true })
  notAfter: Date | null;

  @Column({ name: 'variant_slot', type: 'integer' })
  variantSlot: number;

  @Column({ name: 'absorbed_intent_ids', type: 'text', array: true })
  absorbedIntentIds: string[];

  @Column({ type: 'jsonb' })
  reasons: string[];

  @Column({ type: 'enum', enum: PLANNED_CONTACT_STATUSES, enumName: 'planned_contact_status', default: 'planned' })
  status: PlannedContactStatus;

  /** What became of it once handed off: delivered, undelivered, npai, responded, refused. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** Why it was cancelled, in French, for the partners reading the plan. */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'handed_off_at', type: 'timestamptz', nullable: true })
  handedOffAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
