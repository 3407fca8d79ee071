import { MigrationInterface, QueryRunner } from 'typeorm';

export class Linkage1790000100000 implements MigrationInterface {
  name = 'Linkage1790000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "linkage_record" (
      "record_id" text PRIMARY KEY,
      "territory" text NOT NULL,
      "household_key" text NOT NULL,
      "normalised" jsonb NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_linkage_record_household" ON "linkage_record" ("territory", "household_key")`);
    await q.query(`CREATE TABLE "linkage_block_key" (
      "key_hash" integer NOT NULL,
      "record_id" text NOT NULL,
      "territory" text NOT NULL,
      PRIMARY KEY ("key_hash", "record_id"))`);
    await q.query(`CREATE TABLE "linkage_link" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "territory" text NOT NULL,
      "left_record_id" text NOT NULL,
      "right_record_id" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('linked', 'review')),
      "source" text NOT NULL CHECK ("source" IN ('automatic', 'human')),
      "probability" double precision NOT NULL,
      "match_weight" double precision NOT NULL,
      "evidence" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_linkage_link_left" ON "linkage_link" ("left_record_id")`);
    await q.query(`CREATE INDEX "ix_linkage_link_right" ON "linkage_link" ("right_record_id")`);
    await q.query(`CREATE INDEX "ix_linkage_link_territory_status" ON "linkage_link" ("territory", "status")`);
    await q.query(`CREATE TABLE "linkage_decision" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "territory" text NOT NULL,
      "kind" text NOT NULL CHECK ("kind" IN ('confirm', 'split', 'merge')),
      "left_record_id" text NOT NULL,
      "right_record_id" text NOT NULL,
      "decided_by" text NOT NULL,
      "reason" text,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_linkage_decision_territory" ON "linkage_decision" ("territory")`);
    await q.query(`CREATE INDEX "ix_linkage_decision_left" ON "linkage_decision" ("left_record_id")`);
    await q.query(`CREATE INDEX "ix_linkage_decision_right" ON "linkage_decision" ("right_record_id")`);
    await q.query(`CREATE TABLE "linkage_model" (
      "territory" text PRIMARY KEY,
      "model" jsonb NOT NULL,
      "record_count" integer NOT NULL,
      "fitted_at" timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['linkage_model', 'linkage_decision', 'linkage_link', 'linkage_block_key', 'linkage_record']) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
