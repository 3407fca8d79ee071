import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PARTNER_KINDS, PartnerKind } from '../domain/partner-kind';

/** An organisation that takes part in eviction prevention on a territory. */
@Entity({ name: 'partner' })
export class Partner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: PARTNER_KINDS, enumName: 'partner_kind' })
  kind: PartnerKind;

  /** Home département code ("93", "38", "91", "2A", "974"…). */
  @Column({ type: 'text' })
  territory: string;

  /** Every département the partner works on, the home territory first. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  territories: string[];

  /** Public contact printed in co-signed messages (phone or address of the partner's service). */
  @Column({ name: 'public_phone', type: 'text', nullable: true })
  publicPhone: string | null;

  /** Where households' answers to the partner's e-mails go (Reply-To); null: no Reply-To. */
  @Column({ name: 'reply_to_email', type: 'text', nullable: true })
  replyToEmail: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A disabled partner's keys and people's accounts stop working; its data stays. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
