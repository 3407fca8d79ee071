import { MigrationInterface, QueryRunner } from 'typeorm';
import { openNullable, rewriteColumns, sealedForMigration, sealValue } from '@unisson/crypto';

/** What callers wrote after an attempt (free text about the household) is sealed at rest (decision 0020), existing notes included. */
export class TaskNotesSealed1810000000007 implements MigrationInterface {
  name = 'TaskNotesSealed1810000000007';

  async up(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'task_attempt',
      id: { column: 'id', type: 'uuid' },
      columns: [{ name: 'note', type: 'text' }],
      rewrite: (row) => (row.note === null ? null : { note: sealedForMigration(row.note, 'task_attempt.note', sealValue) }),
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'task_attempt',
      id: { column: 'id', type: 'uuid' },
      columns: [{ name: 'note', type: 'text' }],
      rewrite: (row) => ({ note: openNullable(row.note as string | null, 'task_attempt.note') }),
    });
  }
}
