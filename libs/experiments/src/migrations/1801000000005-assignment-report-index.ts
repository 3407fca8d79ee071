import { MigrationInterface, QueryRunner } from 'typeorm';

/** An experiment's report counts households and responders per arm from the index alone. */
export class AssignmentReportIndex1801000000005 implements MigrationInterface {
  name = 'AssignmentReportIndex1801000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_experiment_assignment_report" ON "experiment_assignment" ("experiment_id", "arm", "responded_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_experiment_assignment_report"`);
  }
}
