import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call-back tasks (decision 0031): a household's request creates a call task that no message
 * carries (`message_id` becomes optional), names the slot chosen, and is open once per household.
 */
export class CallbackTasks1821000000400 implements MigrationInterface {
  name = 'CallbackTasks1821000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "task" ALTER COLUMN "message_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "task" ADD "callback_slot" text`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_task_open_callback" ON "task" ("household_id") WHERE callback_slot IS NOT NULL AND state IN ('pending', 'reserved', 'assigned', 'wrap_up')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_task_open_callback"`);
    await q.query(`DELETE FROM "task" WHERE "message_id" IS NULL`);
    await q.query(`ALTER TABLE "task" DROP COLUMN "callback_slot"`);
    await q.query(`ALTER TABLE "task" ALTER COLUMN "message_id" SET NOT NULL`);
  }
}
