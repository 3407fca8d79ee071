import { MigrationInterface, QueryRunner } from 'typeorm';

/** A message records its planned contact, when the provider may have taken it, and when its status was last fetched. */
export class DispatchReconciliation1792000000000 implements MigrationInterface {
  name = 'DispatchReconciliation1792000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outbound_message" ADD "planned_contact_key" text, ADD "provider_handover_at" TIMESTAMP WITH TIME ZONE, ADD "status_checked_at" TIMESTAMP WITH TIME ZONE`,
    );
    // Messages of planned contacts made before this column carried the key in their idempotency key.
    await queryRunner.query(
      `UPDATE "outbound_message" SET "planned_contact_key" = substr("idempotency_key", 9) WHERE "idempotency_key" LIKE 'contact:%'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_outbound_message_planned_contact" ON "outbound_message" ("planned_contact_key") WHERE planned_contact_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbound_message_status_sent" ON "outbound_message" ("status", "sent_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_message_status_sent"`);
    await queryRunner.query(`DROP INDEX "public"."ux_outbound_message_planned_contact"`);
    await queryRunner.query(
      `ALTER TABLE "outbound_message" DROP COLUMN "status_checked_at", DROP COLUMN "provider_handover_at", DROP COLUMN "planned_contact_key"`,
    );
  }
}
