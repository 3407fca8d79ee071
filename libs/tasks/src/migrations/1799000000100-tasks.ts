import { MigrationInterface, QueryRunner } from 'typeorm';

/** Call and visit tasks, the teams that work them and every attempt (libs/tasks). */
export class Tasks1799000000100 implements MigrationInterface {
  name = 'Tasks1799000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A home visit is carried out as a message whose sender creates the visit task.
    await queryRunner.query(`ALTER TYPE "public"."message_channel" ADD VALUE IF NOT EXISTS 'homeVisit'`);
    await queryRunner.query(
      `CREATE TABLE "task_team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "name" text NOT NULL, "territories" text array NOT NULL, "channels" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_task_team" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_team_partner" ON "task_team" ("partner_id") `);
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_idempotency_key" text NOT NULL, "message_id" uuid NOT NULL, "planned_contact_key" text, "household_id" uuid NOT NULL, "team_id" uuid NOT NULL, "channel" text NOT NULL, "purpose" text NOT NULL, "stage" text, "territory" text NOT NULL, "time_zone" text NOT NULL, "locale" text NOT NULL, "recipient" text NOT NULL, "script" text NOT NULL, "template_key" text NOT NULL, "template_version" text NOT NULL, "lead_partner_id" uuid, "only_if_no_response" boolean NOT NULL DEFAULT false, "routing_rule" text NOT NULL, "routing_reason" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "agent" text, "reserved_until" TIMESTAMP WITH TIME ZONE, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT 0, "last_outcome" text, "last_outcome_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "unreachable" boolean NOT NULL DEFAULT false, "effects_applied_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_task" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_task_message_key" ON "task" ("message_idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "ix_task_household" ON "task" ("household_id") `);
    // The worklist and the claims: a team's open tasks by due time (partial, so done tasks cost nothing).
    await queryRunner.query(
      `CREATE INDEX "ix_task_team_due" ON "task" ("team_id", "not_before", "created_at") WHERE state IN ('pending', 'reserved', 'assigned', 'wrap_up')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_agent_held" ON "task" ("agent") WHERE state IN ('reserved', 'assigned', 'wrap_up')`);
    await queryRunner.query(`CREATE INDEX "ix_task_reserved_until" ON "task" ("reserved_until") WHERE state = 'reserved'`);
    await queryRunner.query(`CREATE INDEX "ix_task_wrap_up" ON "task" ("updated_at") WHERE state = 'wrap_up'`);
    await queryRunner.query(
      `CREATE TABLE "task_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "household_id" uuid NOT NULL, "channel" text NOT NULL, "outcome" text NOT NULL, "agent" text NOT NULL, "note" text, "callback_at" TIMESTAMP WITH TIME ZONE, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_task_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_attempt_household" ON "task_attempt" ("household_id", "channel", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_task_attempt_task" ON "task_attempt" ("task_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "task_attempt"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP TABLE "task_team"`);
  }
}
