import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attribution looks up, for each response, its household's messages in the window before it: the
 * index now carries what the lookup reads (message, purpose for the window, territory), so it is
 * answered from the index alone instead of one heap page per message of a 10-million-row table.
 * Responses by territory and date is read by nothing (figures go by the household's stage or the
 * message's territory): that index only slowed every response projected, it goes.
 */
export class AttributionCoveringIndex1815000000002 implements MigrationInterface {
  name = 'AttributionCoveringIndex1815000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_message_household"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_message_household" ON "analytics_message" ("household_id", "composed_at") INCLUDE ("message_id", "purpose", "territory")`,
    );
    await queryRunner.query(`DROP INDEX "ix_analytics_response_territory"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_analytics_response_territory" ON "analytics_response" ("territory", "occurred_at")`);
    await queryRunner.query(`DROP INDEX "ix_analytics_message_household"`);
    await queryRunner.query(`CREATE INDEX "ix_analytics_message_household" ON "analytics_message" ("household_id", "composed_at")`);
  }
}
