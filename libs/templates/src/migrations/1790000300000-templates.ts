import { MigrationInterface, QueryRunner } from 'typeorm';

export class Templates1790000300000 implements MigrationInterface {
  name = 'Templates1790000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "template_version" (
      "hash" text PRIMARY KEY,
      "template_key" text NOT NULL,
      "version" integer NOT NULL,
      "locale" text NOT NULL,
      "content" jsonb NOT NULL,
      "archived_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_template_version_key_locale" ON "template_version" ("template_key", "locale", "version")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "template_version"`);
  }
}
