import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention: when a household's personal data was erased (null: not yet). */
export class HouseholdRetention1804000000100 implements MigrationInterface {
  name = 'HouseholdRetention1804000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "anonymised_at"`);
  }
}
