import { MigrationInterface, QueryRunner } from 'typeorm';

/** Re-keying one record must find its old blocking keys by record id without a table scan. */
export class LinkageBlockKeyRecordIndex1790000100001 implements MigrationInterface {
  name = 'LinkageBlockKeyRecordIndex1790000100001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_linkage_block_key_record" ON "linkage_block_key" ("record_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "ix_linkage_block_key_record"`);
  }
}
