import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts partners state about a household (issue 10): whether it reads with difficulty (the
 * planner then speaks its messages) and how many dependent children it has (task routing: the
 * CAF's social workers for benefit households with children). Null: nobody said.
 */
export class HouseholdStatedFacts1813000000000 implements MigrationInterface {
  name = 'HouseholdStatedFacts1813000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" ADD "reads_with_difficulty" boolean`);
    await queryRunner.query(`ALTER TABLE "household" ADD "dependent_children" smallint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "dependent_children"`);
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "reads_with_difficulty"`);
  }
}
