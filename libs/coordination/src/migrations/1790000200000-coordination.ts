import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Coordination engine: partners' intents, contact plans, planned contacts (idempotency key) and events. */
export class Coordination1790000200000 implements MigrationInterface {
  name = 'Coordination1790000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contact_intent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "partner_id" text NOT NULL, "partner_kind" text NOT NULL, "stage" text NOT NULL, "purpose" text NOT NULL, "legal" boolean NOT NULL DEFAULT false, "deadline" TIMESTAMP WITH TIME ZONE, "callback_phone" text, "idempotency_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34801eeed41bc1a0e7824b03a97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_contact_intent_idempotency" ON "contact_intent" ("idempotency_key")`);
    await queryRunner.query(`CREATE INDEX "ix_contact_intent_household" ON "contact_intent" ("household_id", "stage")`);
    await queryRunner.query(
      `CREATE TABLE "contact_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "procedure_id" text NOT NULL, "stage" text NOT NULL, "territory" text NOT NULL, "playbook_version" text NOT NULL, "time_zone" text NOT NULL, "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "partner_ids" text array NOT NULL, "trace" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28453c8341a75c39be30b69917e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_contact_plan_household_procedure" ON "contact_plan" ("household_id", "procedure_id")`);
    await queryRunner.query(
      `CREATE TABLE "coordination_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_55de28163e501b82a54be9db94e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_coordination_event_household" ON "coordination_event" ("household_id", "at")`);
    await queryRunner.query(`CREATE TYPE "public"."planned_contact_status" AS ENUM('planned', 'handedOff', 'cancelled')`);
    await queryRunner.query(
      `CREATE TABLE "planned_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_key" text NOT NULL, "plan_id" uuid NOT NULL, "household_id" uuid NOT NULL, "channel" text NOT NULL, "purpose" text NOT NULL, "purposes" text array NOT NULL, "legal" boolean NOT NULL, "stage" text NOT NULL, "step" integer NOT NULL, "only_if_no_response" boolean NOT NULL, "lead_partner_id" text NOT NULL, "co_signing_partner_ids" text array NOT NULL, "callback_phone" text, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE, "variant_slot" integer NOT NULL, "absorbed_intent_ids" text array NOT NULL, "reasons" jsonb NOT NULL, "status" "public"."planned_contact_status" NOT NULL DEFAULT 'planned', "outcome" text, "handed_off_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f872a0b3ed3ed799972d41618fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_planned_contact_key" ON "planned_contact" ("contact_key")`);
    await queryRunner.query(`CREATE INDEX "ix_planned_contact_household" ON "planned_contact" ("household_id")`);
    await queryRunner.query(`CREATE INDEX "ix_planned_contact_plan_status" ON "planned_contact" ("plan_id", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "planned_contact"`);
    await queryRunner.query(`DROP TYPE "public"."planned_contact_status"`);
    await queryRunner.query(`DROP TABLE "coordination_event"`);
    await queryRunner.query(`DROP TABLE "contact_plan"`);
    await queryRunner.query(`DROP TABLE "contact_intent"`);
  }
}
