import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { sealedText, sealedTextArray } from '@unisson/crypto';

export const PRINT_ITEM_STATUSES = ['staged', 'batched', 'posted', 'delivered', 'returned', 'failed'] as const;
export type PrintItemStatus = (typeof PRINT_ITEM_STATUSES)[number];

/**
 * One letter in the print stage: accepted from messaging (idempotent by the message's key),
 * with everything its print needs, then batched, posted, and maybe returned (NPAI).
 */
@Entity({ name: 'letter_print_item' })
@Index('ix_letter_print_item_staged', ['senderPartnerId', 'printDay', 'status'])
export class LetterPrintItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Index({ unique: true })
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  /** The lead partner: a batch is per sender and day. */
  @Column({ name: 'sender_partner_id', type: 'uuid' })
  senderPartnerId: string;

  @Column({ name: 'print_day', type: 'date' })
  printDay: string;

  /** Printed under the QR code and in every page's footer (canonical form, no hyphens). */
  @Index({ unique: true })
  @Column({ name: 'tracking_code', type: 'text' })
  trackingCode: string;

  @Column({ name: 'tracking_code_display', type: 'text' })
  trackingCodeDisplay: string;

  /** The household's response page; empty on a letter to its landlord (no link, no QR code printed). */
  @Column({ name: 'response_url', type: 'text' })
  responseUrl: string;

  /** Who the letter is written to: the household, or its private landlord (a templates/landlord/ letter). */
  @Column({ type: 'text', default: 'household' })
  addressee: 'household' | 'landlord';

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'postage_class', type: 'text' })
  postageClass: string;

  /** Sealed at rest line by line, like the phone and the letter's body (libs/crypto, decision 0020). */
  @Column({ name: 'address_lines', type: 'text', array: true, transformer: sealedTextArray('letter_print_item.address_lines') })
  addressLines: string[];

  /** Lead partner first: names and logos (SVG) as printed. */
  @Column({ type: 'jsonb' })
  signers: Array<{ name: string; logoSvg: string | null }>;

  @Column({ type: 'text', nullable: true, transformer: sealedText('letter_print_item.phone') })
  phone: string | null;

  @Column({ name: 'body_html', type: 'text', transformer: sealedText('letter_print_item.body_html') })
  bodyHtml: string;

  @Column({ type: 'integer' })
  pages: number;

  @Column({ type: 'text', default: 'staged' })
  status: string;

  @Index()
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ name: 'provider_letter_id', type: 'text', nullable: true })
  providerLetterId: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
