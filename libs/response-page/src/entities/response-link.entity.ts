import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A response link issued for a message (letter, e-mail, SMS) or for the shared notice. The
 * token is not stored: only its nonce, from which the token is rebuilt with the secret.
 */
@Entity({ name: 'response_link' })
@Index('ux_response_link_nonce', ['nonce'], { unique: true })
@Index('ux_response_link_short_code', ['shortCode'], { unique: true })
@Index('ux_response_link_message', ['messageId'], { unique: true, where: 'message_id IS NOT NULL' })
@Index('ux_response_link_planned_contact', ['plannedContactKey'], {
  unique: true,
  where: 'planned_contact_key IS NOT NULL AND message_id IS NULL',
})
@Index('ux_response_link_notice', ['noticeKey'], { unique: true, where: 'notice_key IS NOT NULL' })
@Index('ix_response_link_household', ['householdId'])
export class ResponseLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 16 random bytes, hex. */
  @Column({ type: 'text' })
  nonce: string;

  /** Canonical tracking code: 8 Crockford base32 symbols and the check symbol. */
  @Column({ name: 'short_code', type: 'text' })
  shortCode: string;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ type: 'text', nullable: true })
  territory: string | null;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  /** One shared-notice link per household (or anonymous stage, territory, language) and stage. */
  @Column({ name: 'notice_key', type: 'text', nullable: true })
  noticeKey: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Visits of the page (every day counted once as a response when the household is known). */
  @Column({ name: 'visit_count', type: 'integer', default: 0 })
  visitCount: number;

  @Column({ name: 'last_visited_at', type: 'timestamptz', nullable: true })
  lastVisitedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
