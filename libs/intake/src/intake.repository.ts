import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sealDocument } from '@unisson/crypto';
import { PartnerSubmission, SUBMISSION_PAYLOAD_CONTEXT } from './entities/partner-submission.entity';

export interface NewSubmission {
  partnerId: string;
  kind: PartnerSubmission['kind'];
  idempotencyKey: string;
  requestHash: string;
  payload: Record<string, unknown>;
  /** Set for the rows of a bulk upload: its status counts them, and their jobs yield to the API's alerts. */
  bulkImportId?: string;
}

/** Where intake stands with the alerts of one bulk upload. */
export interface ImportIntakeProgress {
  /** Processed: record matched to a household, procedure and plan made (or the row's rejection recorded). */
  processed: number;
  /** Stored, waiting for the worker. */
  waiting: number;
}

export interface StoredSubmission {
  id: string;
  partnerId: string;
  kind: PartnerSubmission['kind'];
  requestHash: string;
  receivedAt: Date;
  processedAt: Date | null;
  /** False when the idempotency key had already been used: this is the first call's row. */
  created: boolean;
}

@Injectable()
export class IntakeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts many submissions in one statement; a repeated (partner, idempotency key) returns
   * the row stored the first time instead of a new one.
   */
  async insertSubmissions(rows: NewSubmission[]): Promise<StoredSubmission[]> {
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      values.push(
        row.partnerId,
        row.kind,
        row.idempotencyKey,
        row.requestHash,
        JSON.stringify(sealDocument(row.payload, SUBMISSION_PAYLOAD_CONTEXT, ['partnerRef'])),
        row.bulkImportId ?? null,
      );
      const o = i * 6;
      return `($${o + 1}::uuid, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}::jsonb, $${o + 6}::uuid)`;
    });
    const inserted: Array<{ id: string; partner_id: string; idempotency_key: string; received_at: Date }> = await this.dataSource.query(
      `INSERT INTO partner_submission (partner_id, kind, idempotency_key, request_hash, payload, bulk_import_id)
         VALUES ${tuples.join(',')}
         ON CONFLICT (partner_id, idempotency_key) DO NOTHING
         RETURNING id, partner_id, idempotency_key, received_at`,
      values,
    );
    const key = (partnerId: string, idempotencyKey: string) => `${partnerId}\u0000${idempotencyKey}`;
    const fresh = new Map(inserted.map((r) => [key(r.partner_id, r.idempotency_key), r]));
    const missing = rows.filter((r) => !fresh.has(key(r.partnerId, r.idempotencyKey)));
    const existing = missing.length ? await this.findByKeys(missing) : new Map<string, StoredSubmission>();
    return rows.map((row) => {
      const k = key(row.partnerId, row.idempotencyKey);
      const created = fresh.get(k);
      if (created) {
        // The first row of the batch with this key created it; a repeat in the same batch did not.
        fresh.delete(k);
        const stored = this.stored(created.id, row, created.received_at);
        existing.set(k, { ...stored, created: false });
        return stored;
      }
      return existing.get(k)!;
    });
  }

  private stored(id: string, row: NewSubmission, receivedAt: Date): StoredSubmission {
    return { id, partnerId: row.partnerId, kind: row.kind, requestHash: row.requestHash, receivedAt, processedAt: null, created: true };
  }

  private async findByKeys(rows: NewSubmission[]): Promise<Map<string, StoredSubmission>> {
    const found: Array<{
      id: string;
      partner_id: string;
      idempotency_key: string;
      kind: PartnerSubmission['kind'];
      request_hash: string;
      received_at: Date;
      processed_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT id, partner_id, idempotency_key, kind, request_hash, received_at, processed_at
         FROM partner_submission
        WHERE (partner_id, idempotency_key) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
      [rows.map((r) => r.partnerId), rows.map((r) => r.idempotencyKey)],
    );
    return new Map(
      found.map((r) => [
        `${r.partner_id}\u0000${r.idempotency_key}`,
        {
          id: r.id,
          partnerId: r.partner_id,
          kind: r.kind,
          requestHash: r.request_hash,
          receivedAt: r.received_at,
          processedAt: r.processed_at,
          created: false,
        },
      ]),
    );
  }

  /** How far intake is with the alerts of each of these bulk uploads (one index range each). */
  async importsProgress(bulkImportIds: string[]): Promise<Map<string, ImportIntakeProgress>> {
    const rows: Array<{ id: string; processed: number; waiting: number }> = bulkImportIds.length
      ? await this.dataSource.query(
          `SELECT bulk_import_id AS id, count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS processed,
                  count(*) FILTER (WHERE processed_at IS NULL)::int AS waiting
             FROM partner_submission WHERE bulk_import_id = ANY($1::uuid[]) GROUP BY bulk_import_id`,
          [bulkImportIds],
        )
      : [];
    const found = new Map(rows.map((r) => [r.id, { processed: r.processed, waiting: r.waiting }]));
    return new Map(bulkImportIds.map((id) => [id, found.get(id) ?? { processed: 0, waiting: 0 }]));
  }

  async findSubmission(id: string): Promise<PartnerSubmission | null> {
    return this.dataSource.getRepository(PartnerSubmission).findOne({ where: { id } });
  }

  /** Locks the submission for processing; null when it is already processed (or unknown). */
  async lockUnprocessed(manager: EntityManager, id: string): Promise<PartnerSubmission | null> {
    return manager
      .getRepository(PartnerSubmission)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id AND s.processed_at IS NULL', { id })
      .getOne();
  }

  async markProcessed(manager: EntityManager, id: string, outcome: Record<string, unknown>, errorCode: string | null): Promise<void> {
    await manager.update(PartnerSubmission, { id }, { processedAt: new Date(), outcome: outcome as never, errorCode });
  }

  /** What processing a submission recorded (null until it is processed). */
  async findOutcome(id: string): Promise<Record<string, unknown> | null> {
    const row = await this.dataSource
      .getRepository(PartnerSubmission)
      .findOne({ where: { id }, select: { id: true, outcome: true, processedAt: true } });
    return row?.processedAt ? ((row.outcome as Record<string, unknown> | null) ?? null) : null;
  }

  /** Submissions stored but never processed (e.g. the API died before enqueuing them). */
  async findStaleUnprocessedIds(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM partner_submission
        WHERE processed_at IS NULL AND received_at < now() - ($1 || ' milliseconds')::interval
        ORDER BY received_at LIMIT $2`,
      [String(olderThanMs), limit],
    );
    return rows.map((r) => r.id);
  }
}
