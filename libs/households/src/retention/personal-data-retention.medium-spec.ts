import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { SubmissionEraser } from '@unisson/intake';
import { LinkageEraser } from '@unisson/linkage';
import { MessageEraser } from '@unisson/messaging';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../../test/support/isolated-database';
import { ERASED, PersonalDataRetention } from './personal-data-retention';

jest.setTimeout(60_000);

let database: IsolatedDatabase;
let dataSource: DataSource;
let retention: PersonalDataRetention;
const NOW = new Date('2029-06-01T10:00:00Z');
const DAY = 86_400_000;

async function seedHousehold(label: string, closedDaysAgo: number | null): Promise<{ household: string; record: string; partner: string }> {
  const household = randomUUID();
  const partner = randomUUID();
  await dataSource.query(`INSERT INTO household (id, territory) VALUES ($1, '93')`, [household]);
  await dataSource.query(
    `INSERT INTO procedure (household_id, landlord_partner_id, stage, housing_sector, debt_cents, first_unpaid_on, closed_at)
     VALUES ($1, $2, 'assignation', 'social', 120000, '2026-08-05', $3)`,
    [household, partner, closedDaysAgo === null ? null : new Date(NOW.getTime() - closedDaysAgo * DAY)],
  );
  const [{ id: record }] = await dataSource.query(
    `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, birth_date, street, postal_code, city, phone, email, caf_number)
     VALUES ($1, $2, $3, $4, 'Awa', '1980-02-03', '12 rue des Lilas', '93200', 'Saint-Denis', '+33612345678', $5, '1234567') RETURNING id`,
    [partner, `REF-${label}`, household, `Nom${label}`, `${label}@example.org`],
  );
  await dataSource.query(`INSERT INTO linkage_record (record_id, territory, household_key, normalised) VALUES ($1, '93', $1, $2)`, [
    record,
    JSON.stringify({ recordId: record, lastName: `Nom${label}` }),
  ]);
  await dataSource.query(`INSERT INTO linkage_block_key (key_hash, record_id, territory) VALUES (42, $1, '93')`, [record]);
  await dataSource.query(
    `INSERT INTO partner_submission (partner_id, kind, idempotency_key, request_hash, payload, processed_at)
     VALUES ($1, 'alert', $2, 'h', $3, now())`,
    [partner, `k-${label}`, JSON.stringify({ partnerRef: `REF-${label}`, tenant: { lastName: `Nom${label}`, firstName: 'Awa' } })],
  );
  return { household, record, partner };
}

const personal = (household: string) =>
  dataSource.query(
    `SELECT last_name, first_name, birth_date, street, city, phone, email, caf_number, postal_code FROM partner_record WHERE household_id = $1`,
    [household],
  );

beforeAll(async () => {
  database = await createIsolatedDatabase('medium_retention');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 3 }));
  await dataSource.initialize();
  const erasers = [new SubmissionEraser(), new LinkageEraser(), new MessageEraser()];
  const discovery = { getProviders: () => erasers.map((instance) => ({ instance })) } as unknown as DiscoveryService;
  retention = new PersonalDataRetention(dataSource, discovery, { retention: { daysAfterClose: 730 } } as AppConfig);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('retention of personal data after the procedure closes', () => {
  it('erases names, address, phone, e-mail and what matching kept, a configured time after closing; counts keep working', async () => {
    const old = await seedHousehold('ancien', 800);
    const recent = await seedHousehold('recent', 100);
    const open = await seedHousehold('ouvert', null);
    const [before] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM household) AS households, (SELECT count(*)::int FROM procedure WHERE stage = 'assignation') AS procedures`,
    );

    expect(await retention.reconcile(NOW)).toBe(1);

    expect(await personal(old.household)).toEqual([
      {
        last_name: ERASED,
        first_name: ERASED,
        birth_date: null,
        street: ERASED,
        city: ERASED,
        phone: null,
        email: null,
        caf_number: null,
        postal_code: '93200',
      },
    ]);
    expect(await dataSource.query(`SELECT 1 FROM linkage_record WHERE record_id = $1`, [old.record])).toEqual([]);
    expect(await dataSource.query(`SELECT 1 FROM linkage_block_key WHERE record_id = $1`, [old.record])).toEqual([]);
    const [submission] = await dataSource.query(`SELECT payload FROM partner_submission WHERE partner_id = $1`, [old.partner]);
    expect(submission.payload).toEqual({ partnerRef: 'REF-ancien', erased: true });
    const [{ anonymised_at }] = await dataSource.query(`SELECT anonymised_at FROM household WHERE id = $1`, [old.household]);
    expect(new Date(anonymised_at).toISOString()).toBe(NOW.toISOString());

    // Within the period, or still open: untouched.
    for (const kept of [recent, open]) {
      expect((await personal(kept.household))[0]).toMatchObject({ phone: '+33612345678', street: '12 rue des Lilas' });
      expect(await dataSource.query(`SELECT 1 FROM linkage_record WHERE record_id = $1`, [kept.record])).toHaveLength(1);
    }
    // Aggregates: the rows stay, only the person goes.
    const [after] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM household) AS households, (SELECT count(*)::int FROM procedure WHERE stage = 'assignation') AS procedures`,
    );
    expect(after).toEqual(before);
    // Durable and idempotent: the next pass finds nothing left to do.
    expect(await retention.reconcile(NOW)).toBe(0);
  });

  it('erases the recent one too once its own period is over', async () => {
    const later = new Date(NOW.getTime() + 700 * DAY);
    const erased = await retention.reconcile(later);
    expect(erased).toBeGreaterThanOrEqual(1);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM partner_record r JOIN household h ON h.id = r.household_id
        WHERE h.anonymised_at IS NULL AND EXISTS (SELECT 1 FROM procedure p WHERE p.household_id = h.id AND p.closed_at IS NULL)`,
    );
    expect(n).toBe(1); // the open procedure's household keeps its data
  });
});
