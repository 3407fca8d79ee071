import { MigrationInterface, QueryRunner } from 'typeorm';
import { blindIndex, openDocument, openNullable, rewriteColumns, sealDocument, sealedForMigration, sealValue } from '@unisson/crypto';

/**
 * Personal data at rest (decision 0020): the partners' records, the intake inbox and the
 * outbound messages are sealed (envelope encryption, libs/crypto), existing rows included, with
 * the master keys of the configuration the apps run with. Phones and e-mails of records get a
 * keyed blind index for equality lookups (an SMS reply names a phone). The birth date becomes
 * text (a sealed value is no date).
 */
const RECORD_COLUMNS = ['last_name', 'first_name', 'birth_date', 'street', 'address_extra', 'city', 'phone', 'email', 'caf_number'];
const MESSAGE_COLUMNS = ['recipient', 'subject', 'body', 'body_html'];
const SUBMISSION_CONTEXT = 'partner_submission.payload';

const progress = (table: string) => (done: number) => {
  if (done % 10_000 === 0) process.stderr.write(`[migration] ${table}: ${done} rows sealed\n`);
};

export class PersonalDataSealed1810000000000 implements MigrationInterface {
  name = 'PersonalDataSealed1810000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "partner_record" ALTER COLUMN "birth_date" TYPE text USING "birth_date"::text`);
    await q.query(`ALTER TABLE "partner_record" ADD "phone_index" text`);
    await q.query(`ALTER TABLE "partner_record" ADD "email_index" text`);
    await q.query(`CREATE INDEX "ix_partner_record_phone_index" ON "partner_record" ("phone_index")`);
    await rewriteColumns(q, {
      table: 'partner_record',
      id: { column: 'id', type: 'uuid' },
      columns: [...RECORD_COLUMNS, 'phone_index', 'email_index'].map((name) => ({ name, type: 'text' as const })),
      rewrite: (row) => {
        const phone = openNullable(row.phone as string | null, 'partner_record.phone');
        const email = openNullable(row.email as string | null, 'partner_record.email');
        return {
          ...Object.fromEntries(RECORD_COLUMNS.map((c) => [c, sealedForMigration(row[c], `partner_record.${c}`, sealValue)])),
          phone_index: blindIndex('phone', phone),
          email_index: blindIndex('email', email?.trim().toLowerCase()),
        };
      },
      onProgress: progress('partner_record'),
    });
    await rewriteColumns(q, {
      table: 'partner_submission',
      id: { column: 'id', type: 'uuid' },
      columns: [{ name: 'payload', type: 'jsonb' }],
      rewrite: (row) => {
        const payload = row.payload as Record<string, unknown>;
        if (typeof payload.sealed === 'string' || payload.erased === true) return null;
        return { payload: sealDocument(payload, SUBMISSION_CONTEXT, ['partnerRef']) };
      },
      onProgress: progress('partner_submission'),
    });
    await rewriteColumns(q, {
      table: 'outbound_message',
      id: { column: 'id', type: 'uuid' },
      columns: MESSAGE_COLUMNS.map((name) => ({ name, type: 'text' as const })),
      rewrite: (row) => Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c, sealedForMigration(row[c], `outbound_message.${c}`, sealValue)])),
      onProgress: progress('outbound_message'),
    });
  }

  /** Opens every value back (with the same master keys) and drops the blind indexes. */
  async down(q: QueryRunner): Promise<void> {
    const open = (table: string, columns: string[]) =>
      rewriteColumns(q, {
        table,
        id: { column: 'id', type: 'uuid' },
        columns: columns.map((name) => ({ name, type: 'text' as const })),
        rewrite: (row) => Object.fromEntries(columns.map((c) => [c, openNullable(row[c] as string | null, `${table}.${c}`)])),
      });
    await open('partner_record', RECORD_COLUMNS);
    await open('outbound_message', MESSAGE_COLUMNS);
    await rewriteColumns(q, {
      table: 'partner_submission',
      id: { column: 'id', type: 'uuid' },
      columns: [{ name: 'payload', type: 'jsonb' }],
      rewrite: (row) => ({ payload: openDocument(row.payload as Record<string, unknown>, SUBMISSION_CONTEXT) }),
    });
    await q.query(`DROP INDEX "ix_partner_record_phone_index"`);
    await q.query(`ALTER TABLE "partner_record" DROP COLUMN "email_index"`);
    await q.query(`ALTER TABLE "partner_record" DROP COLUMN "phone_index"`);
    await q.query(`ALTER TABLE "partner_record" ALTER COLUMN "birth_date" TYPE date USING "birth_date"::date`);
  }
}
