import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voice and e-mail done properly (issue 10): the partner's Reply-To, click-to-call bridges, the
 * call status callbacks Twilio posts (once per call and status), and the e-mail addresses that
 * bounced (no message goes to them again).
 */
export class VoiceAndEmail1800000000000 implements MigrationInterface {
  name = 'VoiceAndEmail1800000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner" ADD "reply_to_email" text`);
    await queryRunner.query(
      `CREATE TABLE "click_to_call" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "idempotency_key" text NOT NULL,
        "household_id" uuid NOT NULL,
        "partner_id" uuid NOT NULL,
        "requested_by" text NOT NULL,
        "agent_phone" text NOT NULL,
        "caller_id" text NOT NULL,
        "status" text NOT NULL DEFAULT 'requested',
        "agent_call_sid" text,
        "household_call_sid" text,
        "household_call_status" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_click_to_call" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_click_to_call_idempotency_key" ON "click_to_call" ("idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "ix_click_to_call_household" ON "click_to_call" ("household_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "call_status_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "call_sid" text NOT NULL,
        "parent_call_sid" text,
        "call_status" text NOT NULL,
        "leg" text NOT NULL,
        "message_id" uuid,
        "click_to_call_id" uuid,
        "sequence_number" integer,
        "duration_seconds" integer,
        "answered_by" text,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_call_status_event" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_call_status_event_call_status" ON "call_status_event" ("call_sid", "call_status") `);
    await queryRunner.query(`CREATE INDEX "ix_call_status_event_click_to_call" ON "call_status_event" ("click_to_call_id") `);
    await queryRunner.query(
      `CREATE TABLE "email_bounce" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "household_id" uuid NOT NULL,
        "message_id" uuid NOT NULL,
        "address" text NOT NULL,
        "status_code" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_email_bounce" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_email_bounce_message_address" ON "email_bounce" ("message_id", "address") `);
    await queryRunner.query(`CREATE INDEX "ix_email_bounce_household" ON "email_bounce" ("household_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_bounce"`);
    await queryRunner.query(`DROP TABLE "call_status_event"`);
    await queryRunner.query(`DROP TABLE "click_to_call"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "reply_to_email"`);
  }
}
