import { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel a household chose on its response page (its language is `preferred_locale`). */
export class HouseholdContactPreferences1798000000100 implements MigrationInterface {
  name = 'HouseholdContactPreferences1798000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" ADD "preferred_channel" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "preferred_channel"`);
  }
}
