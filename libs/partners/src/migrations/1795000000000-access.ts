import { MigrationInterface, QueryRunner } from 'typeorm';

/** People's accounts and sessions, sharing agreements, partners' territories, key rotation, the analyst kind. */
export class Access1795000000000 implements MigrationInterface {
  name = 'Access1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."partner_kind" ADD VALUE IF NOT EXISTS 'analyste'`);
    await queryRunner.query(
      `CREATE TABLE "account_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c3e060425fa96014c285fc6c1e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9a04e5f921e1c8ad45bf79772a" ON "account_session" ("account_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2518e1b9f3a31e6f1685a69469" ON "account_session" ("token_hash")`);
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid, "email" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "password_hash" text NOT NULL, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b45005c674a86faeb0da40dd66" ON "account" ("partner_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4c8f96ccf523e9a3faefd5bdd4" ON "account" ("email")`);
    await queryRunner.query(
      `CREATE TABLE "sharing_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territory" text NOT NULL, "partner_kind" text NOT NULL, "fields" text array NOT NULL, "reference" text, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8856bd7e100c2684982e96fa34" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sharing_agreement" ON "sharing_agreement" ("territory", "partner_kind")`);
    await queryRunner.query(`ALTER TABLE "partner_api_key" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "partner_api_key" ADD "replaced_by_key_id" uuid`);
    await queryRunner.query(`ALTER TABLE "partner" ADD "territories" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "partner" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "partner" SET "territories" = ARRAY["territory"] WHERE "territories" = '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "territories"`);
    await queryRunner.query(`ALTER TABLE "partner_api_key" DROP COLUMN "replaced_by_key_id"`);
    await queryRunner.query(`ALTER TABLE "partner_api_key" DROP COLUMN "expires_at"`);
    await queryRunner.query(`DROP INDEX "uq_sharing_agreement"`);
    await queryRunner.query(`DROP TABLE "sharing_agreement"`);
    await queryRunner.query(`DROP INDEX "IDX_4c8f96ccf523e9a3faefd5bdd4"`);
    await queryRunner.query(`DROP INDEX "IDX_b45005c674a86faeb0da40dd66"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP INDEX "IDX_2518e1b9f3a31e6f1685a69469"`);
    await queryRunner.query(`DROP INDEX "IDX_9a04e5f921e1c8ad45bf79772a"`);
    await queryRunner.query(`DROP TABLE "account_session"`);
  }
}
