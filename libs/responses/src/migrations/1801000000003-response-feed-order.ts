import { MigrationInterface, QueryRunner } from 'typeorm';

/** Responses read in the order they were recorded (the feed read models such as analytics follow). */
export class ResponseFeedOrder1801000000003 implements MigrationInterface {
  name = 'ResponseFeedOrder1801000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_response_event_recorded" ON "response_event" ("recorded_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_response_event_recorded"`);
  }
}
