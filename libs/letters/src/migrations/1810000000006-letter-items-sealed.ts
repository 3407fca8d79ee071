import { MigrationInterface, QueryRunner } from 'typeorm';
import { openNullable, rewriteColumns, sealedForMigration, sealValue } from '@unisson/crypto';

/**
 * A staged letter's address block, phone and body are sealed at rest (decision 0020), letters
 * already staged included (the address lines one by one, row by row: arrays do not unnest by row).
 */
export class LetterItemsSealed1810000000006 implements MigrationInterface {
  name = 'LetterItemsSealed1810000000006';

  async up(q: QueryRunner): Promise<void> {
    await rewriteColumns(q, {
      table: 'letter_print_item',
      id: { column: 'id', type: 'uuid' },
      columns: [
        { name: 'phone', type: 'text' },
        { name: 'body_html', type: 'text' },
      ],
      rewrite: (row) => ({
        phone: sealedForMigration(row.phone, 'letter_print_item.phone', sealValue),
        body_html: sealedForMigration(row.body_html, 'letter_print_item.body_html', sealValue),
      }),
    });
    const rows: Array<{ id: string; address_lines: string[] }> = await q.query(`SELECT id, address_lines FROM "letter_print_item"`);
    for (const row of rows) {
      await q.query(`UPDATE "letter_print_item" SET address_lines = $2 WHERE id = $1`, [
        row.id,
        row.address_lines.map((line) => sealedForMigration(line, 'letter_print_item.address_lines', sealValue)),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const rows: Array<{ id: string; address_lines: string[]; phone: string | null; body_html: string }> = await q.query(
      `SELECT id, address_lines, phone, body_html FROM "letter_print_item"`,
    );
    for (const row of rows) {
      await q.query(`UPDATE "letter_print_item" SET address_lines = $2, phone = $3, body_html = $4 WHERE id = $1`, [
        row.id,
        row.address_lines.map((line) => openNullable(line, 'letter_print_item.address_lines')),
        openNullable(row.phone, 'letter_print_item.phone'),
        openNullable(row.body_html, 'letter_print_item.body_html'),
      ]);
    }
  }
}
