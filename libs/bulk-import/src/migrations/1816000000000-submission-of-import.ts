import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission remembers the bulk upload it came from, so the upload's status can say how many of
 * its alerts intake has processed (households matched, plans made), not only how many were read.
 */
export class SubmissionOfImport1816000000000 implements MigrationInterface {
  name = 'SubmissionOfImport1816000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "partner_submission" ADD "bulk_import_id" uuid');
    await q.query('CREATE INDEX "ix_partner_submission_bulk_import" ON "partner_submission" ("bulk_import_id", "processed_at") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "ix_partner_submission_bulk_import"');
    await q.query('ALTER TABLE "partner_submission" DROP COLUMN "bulk_import_id"');
  }
}
