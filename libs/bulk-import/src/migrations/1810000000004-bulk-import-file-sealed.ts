import { MigrationInterface, QueryRunner } from 'typeorm';
import { personalDataKeys, rewriteColumns, SEALED_PREFIX } from '@unisson/crypto';

const CONTEXT = 'bulk_import_file.content';

/** Uploaded files (tenants' names, addresses, phones) are sealed at rest (decision 0020), those already kept included. */
export class BulkImportFileSealed1810000000004 implements MigrationInterface {
  name = 'BulkImportFileSealed1810000000004';

  async up(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'bulk_import_file',
      id: { column: 'import_id', type: 'uuid' },
      columns: [{ name: 'content', type: 'bytea' }],
      batchSize: 10,
      rewrite: (row) => {
        const content = row.content as Buffer;
        if (content.subarray(0, SEALED_PREFIX.length).toString('latin1') === SEALED_PREFIX) return null;
        return { content: Buffer.from(personalDataKeys().envelope.sealBytes(content, CONTEXT), 'latin1') };
      },
    });
  }

  async down(): Promise<void> {
    throw new Error('BulkImportFileSealed1810000000004 is not reverted: upload the files again after restoring a backup.');
  }
}
