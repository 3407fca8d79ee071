import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LetterPrintBatch } from './entities/letter-print-batch.entity';
import { LetterPrintItem } from './entities/letter-print-item.entity';
import { Letterhead } from './entities/letterhead.entity';

export type NewPrintItem = Omit<
  LetterPrintItem,
  'id' | 'status' | 'batchId' | 'providerLetterId' | 'returnedAt' | 'returnReason' | 'createdAt' | 'updatedAt'
>;

/** The print stage's tables (letters' own): every change is conditional, so a retry or a second worker changes nothing. */
@Injectable()
export class PrintStageRepository {
  constructor(private readonly dataSource: DataSource) {}

  private items(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(LetterPrintItem);
  }

  findByIdempotencyKey(key: string): Promise<LetterPrintItem | null> {
    return this.items().findOne({ where: { idempotencyKey: key } });
  }

  findByTrackingCode(code: string): Promise<LetterPrintItem | null> {
    return this.items().findOne({ where: { trackingCode: code } });
  }

  findById(id: string): Promise<LetterPrintItem | null> {
    return this.items().findOne({ where: { id } });
  }

  /** Stages a letter once per message idempotency key; the item that holds the key either way. */
  async stage(item: NewPrintItem): Promise<LetterPrintItem> {
    await this.items().createQueryBuilder().insert().values(item).orIgnore().execute();
    return (await this.findByIdempotencyKey(item.idempotencyKey))!;
  }

  async logosOf(partnerIds: string[]): Promise<Map<string, string>> {
    if (!partnerIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(Letterhead)
      .createQueryBuilder('l')
      .where('l.partner_id = ANY(:ids)', { ids: partnerIds })
      .getMany();
    return new Map(rows.filter((r) => r.logoSvg).map((r) => [r.partnerId, r.logoSvg!]));
  }

  /**
   * The sender's open batch of the day, or a new one holding every letter staged for that day
   * or before: one transaction, so a letter is in one batch or none, never two.
   */
  async openBatch(senderPartnerId: string, printDay: string): Promise<LetterPrintBatch | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`letters:${senderPartnerId}:${printDay}`]);
      const open = await manager.getRepository(LetterPrintBatch).findOne({
        where: [
          { senderPartnerId, printDay, status: 'assembling' },
          { senderPartnerId, printDay, status: 'produced' },
        ],
      });
      if (open) return open;
      const staged: Array<{ count: string }> = await manager.query(
        `SELECT count(*) AS count FROM letter_print_item WHERE sender_partner_id = $1 AND print_day <= $2 AND status = 'staged'`,
        [senderPartnerId, printDay],
      );
      if (Number(staged[0].count) === 0) return null;
      const batch = await manager.getRepository(LetterPrintBatch).save({ senderPartnerId, printDay, status: 'assembling' });
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [claimed] = (await manager.query(
        `UPDATE letter_print_item SET status = 'batched', batch_id = $1, updated_at = now()
         WHERE sender_partner_id = $2 AND print_day <= $3 AND status = 'staged' RETURNING pages`,
        [batch.id, senderPartnerId, printDay],
      )) as [Array<{ pages: number }>, number];
      batch.letterCount = claimed.length;
      batch.pageCount = claimed.reduce((sum, r) => sum + r.pages, 0);
      await manager.getRepository(LetterPrintBatch).update(batch.id, { letterCount: batch.letterCount, pageCount: batch.pageCount });
      return batch;
    });
  }

  /** A batch's letters in print order (by tracking code: the same order on every run). */
  lettersOf(batchId: string): Promise<LetterPrintItem[]> {
    return this.items().find({ where: { batchId }, order: { trackingCode: 'ASC' } });
  }

  async markProduced(batchId: string, files: { pdfPath: string; manifestPath: string }): Promise<void> {
    await this.dataSource
      .getRepository(LetterPrintBatch)
      .update({ id: batchId, status: 'assembling' }, { status: 'produced', pdfPath: files.pdfPath, manifestPath: files.manifestPath });
  }

  /** The provider has the batch: recorded once, with each letter's id at the provider. */
  async markSubmitted(batchId: string, provider: string, ref: string, letterIds: Map<string, string>): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const moved = await manager
        .getRepository(LetterPrintBatch)
        .update({ id: batchId, status: 'produced' }, { status: 'submitted', provider, providerBatchRef: ref, submittedAt: new Date() });
      if (!moved.affected) return [];
      const items = await manager.getRepository(LetterPrintItem).find({ where: { batchId } });
      for (const item of items) {
        await manager
          .getRepository(LetterPrintItem)
          .update(
            { id: item.id, status: 'batched' },
            { status: 'posted', providerLetterId: letterIds.get(item.trackingCodeDisplay) ?? null },
          );
      }
      return items.map((i) => i.messageId);
    });
  }

  findBatch(batchId: string): Promise<LetterPrintBatch | null> {
    return this.dataSource.getRepository(LetterPrintBatch).findOne({ where: { id: batchId } });
  }

  /** Returned (NPAI): true the first time only. */
  async markReturned(itemId: string, reason: string, at: Date): Promise<boolean> {
    const moved = await this.dataSource
      .getRepository(LetterPrintItem)
      .createQueryBuilder()
      .update()
      .set({ status: 'returned', returnedAt: at, returnReason: reason })
      .where('id = :id AND status <> :returned', { id: itemId, returned: 'returned' })
      .execute();
    return (moved.affected ?? 0) > 0;
  }

  async markDelivered(itemId: string): Promise<boolean> {
    const moved = await this.dataSource.getRepository(LetterPrintItem).update({ id: itemId, status: 'posted' }, { status: 'delivered' });
    return (moved.affected ?? 0) > 0;
  }

  findByProviderLetterId(providerLetterId: string): Promise<LetterPrintItem | null> {
    return this.items().findOne({ where: { providerLetterId } });
  }

  /** What still has to be printed: sender and day of staged letters due, and of batches not yet with the provider. */
  async pendingBatches(dueDay: string): Promise<Array<{ senderPartnerId: string; printDay: string }>> {
    const rows: Array<{ sender_partner_id: string; print_day: string }> = await this.dataSource.query(
      `SELECT DISTINCT sender_partner_id, to_char(print_day, 'YYYY-MM-DD') AS print_day FROM letter_print_item WHERE status = 'staged' AND print_day <= $1
       UNION SELECT sender_partner_id, to_char(print_day, 'YYYY-MM-DD') FROM letter_print_batch WHERE status IN ('assembling', 'produced')
       LIMIT 500`,
      [dueDay],
    );
    return rows.map((r) => ({ senderPartnerId: r.sender_partner_id, printDay: r.print_day }));
  }
}
