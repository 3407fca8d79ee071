import { MigrationInterface, QueryRunner } from 'typeorm';
import { blindIndex, rewriteColumns } from '@unisson/crypto';

/** Bounced e-mail addresses are kept as keyed blind indexes only (decision 0020): the address goes. */
export class EmailBounceBlindIndex1810000000002 implements MigrationInterface {
  name = 'EmailBounceBlindIndex1810000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "email_bounce" ADD "address_index" text`);
    await rewriteColumns(q, {
      table: 'email_bounce',
      id: { column: 'id', type: 'uuid' },
      columns: [
        { name: 'address', type: 'text' },
        { name: 'address_index', type: 'text' },
      ],
      rewrite: (row) => ({ address_index: blindIndex('email', String(row.address).trim().toLowerCase()) }),
    });
    await q.query(`DROP INDEX "ux_email_bounce_message_address"`);
    await q.query(`ALTER TABLE "email_bounce" DROP COLUMN "address"`);
    await q.query(`ALTER TABLE "email_bounce" ALTER COLUMN "address_index" SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "ux_email_bounce_message_address" ON "email_bounce" ("message_id", "address_index")`);
  }

  async down(): Promise<void> {
    throw new Error('EmailBounceBlindIndex1810000000002 cannot be reverted: the addresses are not kept. Restore a backup.');
  }
}
