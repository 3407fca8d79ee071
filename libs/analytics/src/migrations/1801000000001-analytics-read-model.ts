import { MigrationInterface, QueryRunner } from 'typeorm';

/** Analytics' own read model: messages, responses with their attribution, procedure events, feed cursors. */
export class AnalyticsReadModel1801000000001 implements MigrationInterface {
  name = 'AnalyticsReadModel1801000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analytics_message" ("message_id" uuid NOT NULL, "household_id" uuid NOT NULL, "plan_id" text, "planned_contact_key" text, "territory" text NOT NULL, "housing_sector" text, "stage" text NOT NULL, "purpose" text NOT NULL, "channel" text NOT NULL, "template_key" text NOT NULL, "template_version" text NOT NULL, "locale" text NOT NULL, "variant" text NOT NULL, "experiment_id" uuid, "arm" text, "absorbed_requests" integer NOT NULL, "composed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0a41fddde1997cd675a8e9f0ae6" PRIMARY KEY ("message_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_analytics_message_territory" ON "analytics_message" ("territory", "composed_at")`);
    await queryRunner.query(`CREATE INDEX "ix_analytics_message_household" ON "analytics_message" ("household_id", "composed_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_message_experiment" ON "analytics_message" ("experiment_id", "arm") WHERE experiment_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_response" ("response_id" uuid NOT NULL, "household_id" uuid NOT NULL, "kind" text NOT NULL, "source" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "territory" text, "last_touch_message_id" uuid, "first_touch_message_id" uuid, CONSTRAINT "PK_94229dee6739a35bce6ec8d48a3" PRIMARY KEY ("response_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_household" ON "analytics_response" ("household_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_territory" ON "analytics_response" ("territory", "occurred_at")`);
    await queryRunner.query(
      `CREATE TABLE "analytics_stage" ("household_id" uuid NOT NULL, "event" text NOT NULL, "territory" text NOT NULL, "housing_sector" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c6a939a7c7f88367f9059b8d630" PRIMARY KEY ("household_id", "event"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_analytics_stage_territory" ON "analytics_stage" ("territory", "event")`);
    await queryRunner.query(
      `CREATE TABLE "analytics_cursor" ("feed" text NOT NULL, "position_at" TIMESTAMP WITH TIME ZONE NOT NULL, "position_id" text NOT NULL, CONSTRAINT "PK_2c25b546056358eaa85f9c80f3c" PRIMARY KEY ("feed"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['analytics_cursor', 'analytics_stage', 'analytics_response', 'analytics_message'])
      await queryRunner.query(`DROP TABLE "${t}"`);
  }
}
