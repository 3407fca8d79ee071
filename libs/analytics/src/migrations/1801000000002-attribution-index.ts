import { MigrationInterface, QueryRunner } from 'typeorm';

/** Response rates by variant join responses to the message of their last touch; a response keeps its qualifier (DSF: household known to the social services or not). */
export class AttributionIndex1801000000002 implements MigrationInterface {
  name = 'AttributionIndex1801000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_last_touch" ON "analytics_response" ("last_touch_message_id")`);
    await queryRunner.query(`ALTER TABLE "analytics_response" ADD "qualifier" text`);
    // The funnel and the charter count households by outcome kind, and by event over a period.
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_kind" ON "analytics_response" ("kind", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_analytics_stage_period" ON "analytics_stage" ("territory", "event", "occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_stage_period"`);
    await queryRunner.query(`DROP INDEX "ix_analytics_response_kind"`);
    await queryRunner.query(`ALTER TABLE "analytics_response" DROP COLUMN "qualifier"`);
    await queryRunner.query(`DROP INDEX "ix_analytics_response_last_touch"`);
  }
}
