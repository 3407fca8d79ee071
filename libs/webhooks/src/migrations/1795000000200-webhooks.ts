import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners' webhook endpoints and the delivery log. */
export class Webhooks1795000000200 implements MigrationInterface {
  name = 'Webhooks1795000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "event_id" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_pending" ON "webhook_delivery" ("status", "next_attempt_at")`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_partner" ON "webhook_delivery" ("partner_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_delivery_event" ON "webhook_delivery" ("endpoint_id", "event_id")`);
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "secret_ciphertext" text NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_973f00b9f79d28c494b48f469a" ON "webhook_endpoint" ("partner_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_973f00b9f79d28c494b48f469a"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP INDEX "uq_webhook_delivery_event"`);
    await queryRunner.query(`DROP INDEX "ix_webhook_delivery_partner"`);
    await queryRunner.query(`DROP INDEX "ix_webhook_delivery_pending"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
  }
}
