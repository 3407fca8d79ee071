import { MigrationInterface, QueryRunner } from 'typeorm';
import { openValue, rewriteColumns, sealedForMigration, sealValue } from '@unisson/crypto';

const COLUMNS = ['recipient', 'script'];

/** A task's phone or address and its script (which names the household) are sealed at rest (decision 0020), existing tasks included. */
export class TaskContactsSealed1810000000005 implements MigrationInterface {
  name = 'TaskContactsSealed1810000000005';

  async up(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'task',
      id: { column: 'id', type: 'uuid' },
      columns: COLUMNS.map((name) => ({ name, type: 'text' as const })),
      rewrite: (row) => Object.fromEntries(COLUMNS.map((c) => [c, sealedForMigration(row[c], `task.${c}`, sealValue)])),
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'task',
      id: { column: 'id', type: 'uuid' },
      columns: COLUMNS.map((name) => ({ name, type: 'text' as const })),
      rewrite: (row) => Object.fromEntries(COLUMNS.map((c) => [c, openValue(String(row[c]), `task.${c}`)])),
    });
  }
}
