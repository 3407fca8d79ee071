import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every response of a household, from every source, counted once. */
export class ResponseEvents1795900000000 implements MigrationInterface {
  name = 'ResponseEvents1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "response_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "idempotency_key" text NOT NULL,
        "household_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "source" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "message_id" uuid,
        "planned_contact_key" text,
        "partner_id" uuid,
        "details" jsonb NOT NULL DEFAULT '{}',
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_response_event" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_response_event_key" ON "response_event" ("idempotency_key")`);
    await queryRunner.query(`CREATE INDEX "ix_response_event_household" ON "response_event" ("household_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_response_event_message" ON "response_event" ("message_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "response_event"`);
  }
}
