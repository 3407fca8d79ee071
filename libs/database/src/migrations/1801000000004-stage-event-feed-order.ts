import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stage events read in the order they were recorded (households' feed for read models, e.g. analytics). */
export class StageEventFeedOrder1801000000004 implements MigrationInterface {
  name = 'StageEventFeedOrder1801000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_stage_event_recorded" ON "stage_event" ("recorded_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_stage_event_recorded"`);
  }
}
