import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who (key or person), outcome, household and field names on audit entries; the table becomes append-only. */
export class AuditTrail1795000000100 implements MigrationInterface {
  name = 'AuditTrail1795000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "actor_type" text NOT NULL DEFAULT 'system'`);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "actor_id" text`);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "household_id" uuid`);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "outcome" text NOT NULL DEFAULT 'success'`);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "fields" text array`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_at" ON "audit_entry" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_household" ON "audit_entry" ("household_id", "at")`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entry_no_truncate ON "audit_entry"`);
    await queryRunner.query(`DROP TRIGGER audit_entry_append_only ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only()`);
    await queryRunner.query(`DROP INDEX "ix_audit_entry_household"`);
    await queryRunner.query(`DROP INDEX "ix_audit_entry_at"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "fields"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "household_id"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_id"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_type"`);
  }
}
