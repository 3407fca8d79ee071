import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../database/src';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { generateRecords } from './cli/record-generator';
import { DEFAULT_THRESHOLDS } from './domain/household-matcher';
import { PartnerRecordInput } from './domain/record';
import { LinkageRecord } from './entities/linkage-record.entity';
import { LinkageRepository } from './linkage.repository';
import { LinkageService } from './linkage.service';
import { linkageEntities, linkageMigrations } from './schema';

const TERRITORY = '93';
const base = { postalCode: '93200', city: 'Saint-Denis' };
const couple: PartnerRecordInput[] = [
  {
    recordId: 'x1',
    lastName: 'NGUYEN',
    firstName: 'Thi',
    street: '12 bis av. Jean Jaurès, Bât B',
    addressExtra: 'Appt 31',
    cafNumber: '7765431',
    birthDate: '1979-04-02',
    ...base,
  },
  {
    recordId: 'x2',
    lastName: 'Nguyên',
    firstName: 'T.',
    street: '12B avenue Jean-Jaures',
    addressExtra: 'Bât B porte 31',
    phone: '06 12 34 56 78',
    ...base,
  },
  {
    recordId: 'x3',
    lastName: 'NGUYEN',
    firstName: 'Thi',
    street: '12 bis avenue Jean Jaurès',
    phone: '+33612345678',
    birthDate: '1979-04-02',
    ...base,
  },
  {
    recordId: 'x4',
    lastName: 'TRAN',
    firstName: 'Van Minh',
    street: '12 B AV JEAN JAURES',
    addressExtra: 'BAT B APPT 31',
    cafNumber: '7765431',
    birthDate: '1975-11-20',
    ...base,
  },
  {
    recordId: 'x5',
    lastName: 'Tran',
    firstName: 'Van Minh',
    street: '12bis avenue Jean Jaurès',
    addressExtra: 'Logt 31',
    birthDate: '1975-11-20',
    ...base,
  },
  {
    recordId: 'x6',
    lastName: 'DIALLO',
    firstName: 'Awa',
    street: '12 bis avenue Jean Jaurès',
    addressExtra: 'Bât B Appt 44',
    cafNumber: '5512093',
    birthDate: '1988-01-15',
    ...base,
  },
  {
    recordId: 'x7',
    lastName: 'Diallo',
    firstName: 'Awa',
    street: '12B av Jean Jaurès',
    addressExtra: 'Porte 44',
    phone: '07 01 02 03 04',
    ...base,
  },
];

jest.setTimeout(60_000);

describe('LinkageService against Postgres', () => {
  let database: IsolatedDatabase;
  let dataSource: DataSource;
  let service: LinkageService;
  const householdOf = async (recordId: string) =>
    (await dataSource.getRepository(LinkageRecord).findOneByOrFail({ recordId })).householdKey;

  beforeAll(async () => {
    database = await createIsolatedDatabase('linkage');
    dataSource = new DataSource(
      dataSourceOptions(database.url, { entities: linkageEntities, migrations: linkageMigrations }, { poolSize: 4 }),
    );
    await dataSource.initialize();
    service = new LinkageService(new LinkageRepository(dataSource), DEFAULT_THRESHOLDS);
    for (const { record } of generateRecords(800, 3)) await service.linkRecord(TERRITORY, record);
    for (const record of couple) await service.linkRecord(TERRITORY, record);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('re-links a territory into households: the couple together, the neighbour apart', async () => {
    const summary = await service.relinkTerritory(TERRITORY);
    expect(summary.records).toBe(807);
    const h = await householdOf('x1');
    for (const id of ['x2', 'x3', 'x4', 'x5']) expect(await householdOf(id)).toBe(h);
    expect(await householdOf('x6')).toBe(await householdOf('x7'));
    expect(await householdOf('x6')).not.toBe(h);
    // 807 records are too few to estimate m/u probabilities: the territory keeps the cold-start model.
    expect(await new LinkageRepository(dataSource).findModel(TERRITORY)).toBeNull();
  });

  it('stores every link with its explanation', async () => {
    const links = await service.linksOfRecord(TERRITORY, 'x4');
    expect(links.some((l) => l.status === 'linked' && Array.isArray(l.evidence) && (l.evidence as unknown[]).length > 0)).toBe(true);
    expect(await service.linksOfRecord('38', 'x4')).toEqual([]);
  });

  it('links an arriving record in real time to its household', async () => {
    const decision = await service.linkRecord(TERRITORY, { ...couple[0], recordId: 'x8', addressExtra: 'Bât B Appt 31' });
    expect(decision.decision).toBe('link');
    expect(await householdOf('x8')).toBe(await householdOf('x1'));
  });

  it('keeps a human split through later automatic runs', async () => {
    await service.decide(TERRITORY, 'split', 'x1', 'x4', 'reviewer-1', 'deux foyers distincts');
    expect(await householdOf('x4')).not.toBe(await householdOf('x1'));
    await service.relinkTerritory(TERRITORY);
    expect(await householdOf('x4')).not.toBe(await householdOf('x1'));
  });

  it('keeps a human merge through later automatic runs', async () => {
    await service.decide(TERRITORY, 'merge', 'x1', 'x6', 'reviewer-1', null);
    expect(await householdOf('x6')).toBe(await householdOf('x1'));
    await service.relinkTerritory(TERRITORY);
    expect(await householdOf('x6')).toBe(await householdOf('x1'));
    expect(await householdOf('x4')).not.toBe(await householdOf('x1'));
  });

  it('refuses a decision on an unknown record with a message saying what to do', async () => {
    await expect(service.decide(TERRITORY, 'confirm', 'x1', 'nope', 'reviewer-1')).rejects.toThrow(/Enregistrement inconnu/);
  });
});
