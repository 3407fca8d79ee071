import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A print batch: one sender's letters of one day, one merged PDF and its manifest, handed to the
 * letter provider once. `assembling` (letters claimed), `produced` (files written), `submitted`
 * (the provider has it: never submitted again).
 */
@Entity({ name: 'letter_print_batch' })
@Index('ix_letter_print_batch_open', ['senderPartnerId', 'printDay', 'status'])
export class LetterPrintBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sender_partner_id', type: 'uuid' })
  senderPartnerId: string;

  @Column({ name: 'print_day', type: 'date' })
  printDay: string;

  @Column({ type: 'text', default: 'assembling' })
  status: string;

  @Column({ name: 'letter_count', type: 'integer', default: 0 })
  letterCount: number;

  @Column({ name: 'page_count', type: 'integer', default: 0 })
  pageCount: number;

  @Column({ name: 'pdf_path', type: 'text', nullable: true })
  pdfPath: string | null;

  @Column({ name: 'manifest_path', type: 'text', nullable: true })
  manifestPath: string | null;

  @Column({ type: 'text', nullable: true })
  provider: string | null;

  @Column({ name: 'provider_batch_ref', type: 'text', nullable: true })
  providerBatchRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}
