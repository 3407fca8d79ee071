import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { PartnerRecord } from '@unisson/households';
import { PartnerSubmission } from '@unisson/intake';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { rotateSealedColumns } from './key-rotation';
import { installPersonalDataKeys } from './personal-data-keys';

jest.setTimeout(60_000);

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const OLD = key('k2025');
const NEW = key('k2026');
const BLIND = 'b'.repeat(32);

describe('master key rotation (npm run keys:rotate)', () => {
  let database: IsolatedDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createIsolatedDatabase('medium_rotation');
    dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 3 }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    installPersonalDataKeys({ masterKeys: OLD, blindIndexKey: BLIND }); // leave no test key behind for other files
    await dataSource?.destroy();
    await database?.drop();
  });

  const record = (i: number) =>
    dataSource.getRepository(PartnerRecord).create({
      partnerId: randomUUID(),
      partnerRef: `ROT-${String(i).padStart(4, '0')}`,
      householdId: null,
      lastName: `Nom${i}`,
      firstName: 'Awa',
      birthDate: '1980-01-01',
      street: '1 rue des Lilas',
      addressExtra: null,
      postalCode: '93200',
      city: 'Bobigny',
      phone: '+33611111111',
      email: `awa${i}@example.org`,
      cafNumber: null,
    });

  it('re-seals every value under the new key while old ones stay readable, after which the old key can go', async () => {
    installPersonalDataKeys({ masterKeys: OLD, blindIndexKey: BLIND });
    await dataSource.getRepository(PartnerRecord).save(Array.from({ length: 1_250 }, (_, i) => record(i)));
    await dataSource.getRepository(PartnerSubmission).insert({
      partnerId: randomUUID(),
      kind: 'alert',
      idempotencyKey: 'rot-1',
      requestHash: 'h',
      payload: { partnerRef: 'ROT-0001', tenant: { lastName: 'Nom1' } },
    });
    // Deployed with the new key first: both read, the new one writes.
    const { envelope } = installPersonalDataKeys({ masterKeys: `${NEW},${OLD}`, blindIndexKey: BLIND });
    expect((await dataSource.getRepository(PartnerRecord).findOneByOrFail({ partnerRef: 'ROT-0007' })).lastName).toBe('Nom7');
    const progress: string[] = [];
    const summary = await rotateSealedColumns(dataSource, envelope, { batchSize: 500, log: (m) => progress.push(m) });
    expect(summary.tables.partner_record).toEqual({ rows: 1_250, resealed: 1_250 });
    expect(summary.tables.partner_submission).toEqual({ rows: 1, resealed: 1 });
    expect(summary.left).toBe(0);
    expect(progress.some((m) => m.startsWith('partner_record: done'))).toBe(true);
    expect(progress.join('\n')).not.toMatch(/Nom\d|awa\d|base64|[A-Za-z0-9+/]{43}=/);
    // Run again: nothing left to do.
    expect((await rotateSealedColumns(dataSource, envelope)).tables.partner_record.resealed).toBe(0);
    // The old key removed: everything still opens, and the indexes (another secret) still find the phone.
    installPersonalDataKeys({ masterKeys: NEW, blindIndexKey: BLIND });
    const records = await dataSource.getRepository(PartnerRecord).find({ order: { partnerRef: 'ASC' } });
    expect(records.map((r) => r.lastName).slice(0, 3)).toEqual(['Nom0', 'Nom1', 'Nom2']);
    expect(records.every((r) => r.email === `awa${r.partnerRef.slice(4).replace(/^0+(?=\d)/, '')}@example.org`)).toBe(true);
    expect((await dataSource.getRepository(PartnerSubmission).findOneByOrFail({ idempotencyKey: 'rot-1' })).payload).toEqual({
      partnerRef: 'ROT-0001',
      tenant: { lastName: 'Nom1' },
    });
    const [{ keys }] = await dataSource.query(`SELECT array_agg(DISTINCT split_part(last_name, '.', 2)) AS keys FROM partner_record`);
    expect(keys).toEqual(['k2026']);
  });

  it('leaves a row the service rewrote meanwhile as the service wrote it (compare-and-set)', async () => {
    installPersonalDataKeys({ masterKeys: OLD, blindIndexKey: BLIND });
    const saved = await dataSource.getRepository(PartnerRecord).save(record(9_999));
    const { envelope } = installPersonalDataKeys({ masterKeys: `${NEW},${OLD}`, blindIndexKey: BLIND });
    // The rotation reads the row, then the service corrects the city before the rotation writes.
    const original = dataSource.query.bind(dataSource);
    let corrected = false;
    jest.spyOn(dataSource, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
      if (!corrected && /^UPDATE "partner_record" t SET/.test(sql)) {
        corrected = true;
        await dataSource.getRepository(PartnerRecord).update({ id: saved.id }, { city: 'Pantin' });
      }
      return original(sql, parameters);
    });
    await rotateSealedColumns(dataSource, envelope, { batchSize: 5_000 });
    jest.restoreAllMocks();
    expect(corrected).toBe(true);
    expect((await dataSource.getRepository(PartnerRecord).findOneByOrFail({ id: saved.id })).city).toBe('Pantin');
  });
});
