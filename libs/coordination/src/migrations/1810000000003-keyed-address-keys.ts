import { MigrationInterface, QueryRunner } from 'typeorm';
import { blindIndex } from '@unisson/crypto';

/**
 * The keys of returned postal addresses (the address in comparable form, in clear) and of
 * bounced e-mails (a bare SHA-256 anyone can recompute from a guess) become keyed blind indexes
 * of those same values (decision 0020), so existing marks keep matching.
 */
export class KeyedAddressKeys1810000000003 implements MigrationInterface {
  name = 'KeyedAddressKeys1810000000003';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, purpose] of [
      ['returned_postal_address', 'returned-address'],
      ['invalid_email_address', 'invalid-email'],
    ] as const) {
      const rows: Array<{ household_id: string; address_key: string }> = await q.query(`SELECT household_id, address_key FROM "${table}"`);
      for (let i = 0; i < rows.length; i += 1_000) {
        const chunk = rows.slice(i, i + 1_000);
        await q.query(
          `UPDATE "${table}" t SET address_key = v.keyed FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(household_id, old, keyed)
            WHERE t.household_id = v.household_id AND t.address_key = v.old`,
          [chunk.map((r) => r.household_id), chunk.map((r) => r.address_key), chunk.map((r) => blindIndex(purpose, r.address_key))],
        );
      }
    }
  }

  async down(): Promise<void> {
    throw new Error('KeyedAddressKeys1810000000003 cannot be reverted: the keys are one-way. Restore a backup.');
  }
}
