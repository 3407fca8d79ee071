import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk uploads of arrears alerts: status with counts, the file, the error report. */
export class BulkImport1795000000300 implements MigrationInterface {
  name = 'BulkImport1795000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bulk_import_error" ("id" BIGSERIAL NOT NULL, "import_id" uuid NOT NULL, "line" integer NOT NULL, "field" text NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_bdc2defc2813ea52286b33a0ed1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_bulk_import_error_line" ON "bulk_import_error" ("import_id", "line")`);
    await queryRunner.query(
      `CREATE TABLE "bulk_import_file" ("import_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_c98bbddc76201c6d1e05aab477c" PRIMARY KEY ("import_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bulk_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "created_by" text NOT NULL, "file_name" text NOT NULL, "file_sha256" text NOT NULL, "byte_size" integer NOT NULL, "encoding" text, "delimiter" text, "status" text NOT NULL DEFAULT 'queued', "rows_total" integer, "rows_done" integer NOT NULL DEFAULT '0', "rows_invalid" integer NOT NULL DEFAULT '0', "alerts_created" integer NOT NULL DEFAULT '0', "alerts_replayed" integer NOT NULL DEFAULT '0', "failure" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_69af6de200f814d8af30e338145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7deecf8de5362744ef8cfe34d3" ON "bulk_import" ("partner_id")`);
    await queryRunner.query(`CREATE INDEX "ix_bulk_import_status" ON "bulk_import" ("status", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bulk_import_file" ON "bulk_import" ("partner_id", "file_sha256")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_bulk_import_file"`);
    await queryRunner.query(`DROP INDEX "ix_bulk_import_status"`);
    await queryRunner.query(`DROP INDEX "IDX_7deecf8de5362744ef8cfe34d3"`);
    await queryRunner.query(`DROP TABLE "bulk_import"`);
    await queryRunner.query(`DROP TABLE "bulk_import_file"`);
    await queryRunner.query(`DROP INDEX "ix_bulk_import_error_line"`);
    await queryRunner.query(`DROP TABLE "bulk_import_error"`);
  }
}
