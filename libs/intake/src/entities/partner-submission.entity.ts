import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sealedDocumentColumn } from '@unisson/crypto';

export const SUBMISSION_PAYLOAD_CONTEXT = 'partner_submission.payload';

/**
 * The intake inbox: every alert or stage event a partner posts, stored as received before
 * anything else happens (the request only writes here; the worker does the rest). The row is
 * also the outbox that guarantees the work is enqueued, and the idempotency record.
 */
@Entity({ name: 'partner_submission' })
@Index('uq_partner_submission_idempotency', ['partnerId', 'idempotencyKey'], { unique: true })
@Index('ix_partner_submission_pending', ['processedAt', 'receivedAt'])
@Index('ix_partner_submission_bulk_import', ['bulkImportId', 'processedAt'])
export class PartnerSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ type: 'text' })
  kind: 'alert' | 'stage_event' | 'intent';

  /** The client's Idempotency-Key header, or a key derived from the body when absent. */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the canonical body: the same key with another body is a client error. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  /** The body as received, sealed at rest (libs/crypto) but for the partner's own reference (`partnerRef`), which queries need. */
  @Column({ type: 'jsonb', transformer: sealedDocumentColumn(SUBMISSION_PAYLOAD_CONTEXT, ['partnerRef']) })
  payload: Record<string, unknown>;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ name: 'outcome', type: 'jsonb', nullable: true })
  outcome: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  /** The bulk upload (libs/bulk-import) this row of a file came from; null for the API's alerts. */
  @Column({ name: 'bulk_import_id', type: 'uuid', nullable: true })
  bulkImportId: string | null;
}
