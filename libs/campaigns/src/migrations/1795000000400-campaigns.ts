import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns of the CAF, the State services and the Département. */
export class Campaigns1795000000400 implements MigrationInterface {
  name = 'Campaigns1795000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "name" text NOT NULL, "purpose" text NOT NULL, "territory" text NOT NULL, "target" jsonb NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL DEFAULT 'draft', "created_by" text NOT NULL, "approved_by" text, "approved_at" TIMESTAMP WITH TIME ZONE, "launched_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "cursor_household_id" uuid, "intents_produced" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_campaign_status" ON "campaign" ("status", "scheduled_at")`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_partner" ON "campaign" ("partner_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_campaign_partner"`);
    await queryRunner.query(`DROP INDEX "ix_campaign_status"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
  }
}
