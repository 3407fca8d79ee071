import { MigrationInterface, QueryRunner } from 'typeorm';
import { blockKeyHash, openValue, rewriteColumns, sealedForMigration, sealValue } from '@unisson/crypto';
import { blockingKeys } from '../domain/blocking';
import type { NormalisedRecord } from '../domain/record';

const CONTEXT = 'linkage_record.normalised';

/**
 * Household matching's copy of each record is sealed (decision 0020) and its blocking keys become
 * keyed hashes (HMAC-SHA256 under the blind-index secret, 31 bits) instead of bare FNV hashes a
 * dump could test guesses against: existing rows are sealed and their keys recomputed.
 */
export class LinkageSealed1810000000001 implements MigrationInterface {
  name = 'LinkageSealed1810000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "linkage_record" ALTER COLUMN "normalised" TYPE text USING "normalised"::text`);
    await q.query(`DELETE FROM "linkage_block_key"`);
    await rewriteColumns(q, {
      table: 'linkage_record',
      id: { column: 'record_id', type: 'text' },
      columns: [{ name: 'normalised', type: 'text' }],
      rewrite: (row) => ({ normalised: sealedForMigration(row.normalised, CONTEXT, sealValue) }),
      onProgress: (done) => done % 50_000 === 0 && process.stderr.write(`[migration] linkage_record: ${done} rows sealed\n`),
    });
    // The keys, from the records as now stored (territory alongside), by batches of records.
    let after = '';
    for (;;) {
      const rows: Array<{ record_id: string; territory: string; normalised: string }> = await q.query(
        `SELECT record_id, territory, normalised FROM "linkage_record" WHERE record_id > $1 ORDER BY record_id LIMIT 2000`,
        [after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].record_id;
      const hashes: number[] = [];
      const ids: string[] = [];
      const territories: string[] = [];
      for (const r of rows) {
        const record = JSON.parse(openValue(r.normalised, CONTEXT)) as NormalisedRecord;
        for (const hash of new Set(blockingKeys(record).map(blockKeyHash))) {
          hashes.push(hash);
          ids.push(r.record_id);
          territories.push(r.territory);
        }
      }
      await q.query(
        `INSERT INTO "linkage_block_key" (key_hash, record_id, territory) SELECT * FROM unnest($1::int[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [hashes, ids, territories],
      );
    }
  }

  async down(): Promise<void> {
    throw new Error(
      'LinkageSealed1810000000001 cannot be reverted: the unkeyed hashes are not kept. Restore a backup, or run `npm run relink`.',
    );
  }
}
