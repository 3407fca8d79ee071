import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reconciler reads planned contacts by status and due date, and hand-offs by date. */
export class PlannedContactDueIndex1792000000001 implements MigrationInterface {
  name = 'PlannedContactDueIndex1792000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_planned_contact_status_due" ON "planned_contact" ("status", "not_before") `);
    await queryRunner.query(`CREATE INDEX "ix_planned_contact_status_handed_off" ON "planned_contact" ("status", "handed_off_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_planned_contact_status_handed_off"`);
    await queryRunner.query(`DROP INDEX "public"."ix_planned_contact_status_due"`);
  }
}
