import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HouseholdsRepository, PartnerRecord } from '@unisson/households';
import { DEFAULT_THRESHOLDS, LinkageService, normaliseRecord } from '@unisson/linkage';
import { LinkageRepository } from '../../linkage/src/linkage.repository';
import { PartnerSubmission } from '@unisson/intake';
import { databaseUrl, withAdmin } from '../../../test/support/postgres-admin';
import { hashKey, blockingKeys } from '../../linkage/src/domain/blocking';
import { dataSourceOptions } from './data-source-options';
import { unissonSchema } from './schema';

jest.setTimeout(120_000);

/**
 * The migrations of decision 0020 on a database that already holds personal data in clear: after
 * them, reading the tables directly shows none of it, the services read it back, and matching
 * finds the household through the recomputed, keyed blocking keys.
 */
describe('sealing personal data already stored', () => {
  const name = `unisson_t_sealing_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  const household = randomUUID();
  const partner = randomUUID();
  const PLAINTEXT = [
    'Benali',
    'Fatima',
    '1983-04-12',
    'rue des Lilas',
    'Saint-Denis',
    '+33612345678',
    'fatima.benali@example.org',
    '7712345',
  ];

  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    const migrations = unissonSchema.migrations as Function[];
    const before = new DataSource(
      dataSourceOptions(
        databaseUrl(name),
        { ...unissonSchema, migrations: migrations.filter((m) => !/1810\d{9}$/.test(m.name)) },
        { poolSize: 2 },
      ),
    );
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    // Rows as the service wrote them before encryption.
    await before.query(`INSERT INTO household (id, territory) VALUES ($1, '93')`, [household]);
    const [{ id: recordId }] = await before.query(
      `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, birth_date, street, postal_code, city, phone, email, caf_number)
       VALUES ($1, 'HS93-1', $2, 'Benali', 'Fatima', '1983-04-12', '12 rue des Lilas', '93200', 'Saint-Denis', '+33612345678', 'fatima.benali@example.org', '7712345')
       RETURNING id`,
      [partner, household],
    );
    const normalised = normaliseRecord({
      recordId,
      partnerId: partner,
      lastName: 'Benali',
      firstName: 'Fatima',
      birthDate: '1983-04-12',
      street: '12 rue des Lilas',
      postalCode: '93200',
      city: 'Saint-Denis',
      phone: '+33612345678',
      email: 'fatima.benali@example.org',
      cafNumber: '7712345',
    });
    await before.query(`INSERT INTO linkage_record (record_id, territory, household_key, normalised) VALUES ($1, '93', $1, $2)`, [
      recordId,
      JSON.stringify(normalised),
    ]);
    for (const hash of new Set(blockingKeys(normalised).map(hashKey))) {
      await before.query(`INSERT INTO linkage_block_key (key_hash, record_id, territory) VALUES ($1, $2, '93')`, [hash, recordId]);
    }
    await before.query(
      `INSERT INTO partner_submission (partner_id, kind, idempotency_key, request_hash, payload) VALUES ($1, 'alert', 'k1', 'h', $2)`,
      [partner, JSON.stringify({ partnerRef: 'HS93-1', tenant: { lastName: 'Benali', phone: '+33612345678' } })],
    );
    await before.query(
      `INSERT INTO outbound_message (idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key, template_version, locale, recipient, body, not_before)
       VALUES ('m1', $1, ARRAY[$2]::uuid[], 'sms', 'relance', 't', '1', 'fr', '+33612345678', 'Bonjour Fatima Benali', now())`,
      [household, partner],
    );
    await before.query(
      `INSERT INTO returned_postal_address (household_id, address_key, contact_key) VALUES ($1, '12 rue des lilas||93200', 'c1')`,
      [household],
    );
    await before.destroy();
    dataSource = new DataSource(dataSourceOptions(databaseUrl(name), unissonSchema, { poolSize: 3 }));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await withAdmin(async (admin) => {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    });
  });

  it('leaves no name, birth date, address, phone, e-mail or CAF number in clear in any table', async () => {
    const dump = JSON.stringify(
      await Promise.all(
        ['partner_record', 'linkage_record', 'partner_submission', 'outbound_message', 'returned_postal_address'].map((t) =>
          dataSource.query(`SELECT * FROM ${t}`),
        ),
      ),
    ).toLowerCase();
    for (const value of [...PLAINTEXT, '612345678', 'lilas', 'benali']) expect(dump).not.toContain(value.toLowerCase());
    const [raw] = await dataSource.query(`SELECT last_name, phone, postal_code, phone_index FROM partner_record`);
    expect(raw.last_name).toMatch(/^pii1\./);
    expect(raw.postal_code).toBe('93200'); // aggregates and audience filters by postal code keep working
    expect(raw.phone_index).toHaveLength(22);
  });

  it('reads the data back through the owners, and finds the household by phone through its blind index', async () => {
    const record = await dataSource.getRepository(PartnerRecord).findOneByOrFail({ householdId: household });
    expect([
      record.lastName,
      record.firstName,
      record.birthDate,
      record.street,
      record.city,
      record.phone,
      record.email,
      record.cafNumber,
    ]).toEqual([
      'Benali',
      'Fatima',
      '1983-04-12',
      '12 rue des Lilas',
      'Saint-Denis',
      '+33612345678',
      'fatima.benali@example.org',
      '7712345',
    ]);
    expect(await new HouseholdsRepository(dataSource).findHouseholdIdsByPhone('+33612345678')).toEqual([household]);
    expect(await new HouseholdsRepository(dataSource).findHouseholdIdsByPhone('+33612345679')).toEqual([]);
    const submission = await dataSource.getRepository(PartnerSubmission).findOneByOrFail({ partnerId: partner });
    expect(submission.payload).toEqual({ partnerRef: 'HS93-1', tenant: { lastName: 'Benali', phone: '+33612345678' } });
    const [{ ref }] = await dataSource.query(`SELECT payload->>'partnerRef' AS ref FROM partner_submission`);
    expect(ref).toBe('HS93-1');
  });

  it('matches a new record of the same person to the migrated one through the keyed blocking keys', async () => {
    const [{ record_id: migrated }] = await dataSource.query(`SELECT record_id FROM linkage_record`);
    const keys: Array<{ key_hash: number }> = await dataSource.query(`SELECT key_hash FROM linkage_block_key WHERE record_id = $1`, [
      migrated,
    ]);
    expect(keys.length).toBeGreaterThan(5);
    const normalised = normaliseRecord({
      recordId: 'x',
      lastName: 'Benali',
      firstName: 'Fatima',
      phone: '+33612345678',
      postalCode: '93200',
    });
    // None of the old, unkeyed hashes is left.
    expect(keys.map((k) => k.key_hash)).not.toContain(hashKey(blockingKeys(normalised).find((k) => k.startsWith('p:')) as string));
    const service = new LinkageService(new LinkageRepository(dataSource), DEFAULT_THRESHOLDS);
    const decision = await service.linkRecord('93', {
      recordId: 'caf-record-1',
      partnerId: randomUUID(),
      lastName: 'BENALI',
      firstName: 'Fatima',
      birthDate: '1983-04-12',
      street: '12 r. des Lilas',
      postalCode: '93200',
      city: 'St-Denis',
      phone: '06 12 34 56 78',
    });
    expect(decision.decision).toBe('link');
    expect(decision.householdKey).toBe(migrated);
  });
});
