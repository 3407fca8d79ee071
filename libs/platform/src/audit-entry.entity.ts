import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did or saw what, when, with what outcome. Append-only (the database refuses UPDATE and
 * DELETE); identifiers only, never a name, a phone, an e-mail or an address.
 */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_subject', ['subjectType', 'subjectId'])
@Index('ix_audit_entry_household', ['householdId', 'at'])
@Index('ix_audit_entry_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'actor_partner_id', type: 'uuid', nullable: true })
  actorPartnerId: string | null;

  /** 'api_key', 'account' or 'system' (the worker, a scheduled job). */
  @Column({ name: 'actor_type', type: 'text', default: 'system' })
  actorType: string;

  /** The API key's id or the account's id. */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  /** "household.plan.read", "alert.submit", "linkage.review.decide"… */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  /** The household the action read or changed, when there is one. */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  /** 'success', 'denied', 'not_found', 'invalid' or 'failed'. */
  @Column({ type: 'text', default: 'success' })
  outcome: string;

  /** Names of the fields read or changed (never their values). */
  @Column({ type: 'text', array: true, nullable: true })
  fields: string[] | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;
}
