import { MigrationInterface, QueryRunner } from 'typeorm';

/** Response rates by variant join responses to the message of their last touch; a response keeps its qualifier (DSF: household known to the social services or not). */
export class AttributionIndex1801000000002 implements MigrationInterface {
  name = 'AttributionIndex1801000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_last_touch" ON "analytics_response" ("last_touch_message_id")`);
    await queryRunner.query(`ALTER TABLE "analytics_response" ADD "qualifier" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analytics_response" DROP COLUMN "qualifier"`);
    await queryRunner.query(`DROP INDEX "ix_analytics_response_last_touch"`);
  }
}
