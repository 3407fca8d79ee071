import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { HouseholdCaseReader } from '@unisson/households';
import { PartnerDirectoryReader, PartnersRepository } from '@unisson/partners';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { RecordingContactHandOff } from './contact-hand-off';
import { CoordinationRepository } from './coordination.repository';
import { CoordinationService } from './coordination.service';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { COORDINATION_QUEUE } from './jobs/contact-due.job';
import { PlanExecutor } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';

// A 91 private-sector household at assignation, its landlord a `bailleur_prive` partner: the
// landlord's address comes from the partners' reader, its NPAI from coordination's own table.
let database: IsolatedDatabase;
let dataSource: DataSource;
let queue: Queue;
let service: CoordinationService;
let snapshots: HouseholdSnapshotRepository;
let partners: PartnersRepository;
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const clock = { now: () => Date.parse('2026-12-02T09:00:00Z') };

const LANDLORD_ADDRESS = {
  name: 'M. Jean Lefèvre',
  addressExtra: null,
  street: '8 avenue de la République',
  postalCode: '91300',
  city: 'Massy',
  lines: ['M. Jean Lefèvre', '8 AVENUE DE LA REPUBLIQUE', '91300 MASSY'],
};

async function insertPartner(slug: string, kind: string): Promise<string> {
  const [row] = (await dataSource.query(
    `INSERT INTO partner (slug, name, kind, territory, territories) VALUES ($1, $2, $3, '91', ARRAY['91']) RETURNING id`,
    [`${slug}-${randomBytes(3).toString('hex')}`, `Partenaire ${slug}`, kind],
  )) as Array<{ id: string }>;
  return row.id;
}

/** The household, its procedure opened by `landlordPartnerId`, the assignation served on 2 December. */
async function seedHousehold(landlordPartnerId: string, housingSector: 'prive' | 'social' = 'prive'): Promise<string> {
  const household = randomUUID();
  const procedure = randomUUID();
  await dataSource.query(`INSERT INTO household (id, territory) VALUES ($1, '91')`, [household]);
  await dataSource.query(
    `INSERT INTO procedure (id, household_id, landlord_partner_id, stage, housing_sector, lease_signed_on, debt_cents, first_unpaid_on, hearing_at)
     VALUES ($1, $2, $3, 'assignation', $4, '2022-03-01', 420000, '2026-05-05', '2027-02-15T09:00:00Z')`,
    [procedure, household, landlordPartnerId, housingSector],
  );
  await dataSource.query(
    `INSERT INTO stage_event (procedure_id, type, occurred_on, reported_by_partner_id, submission_id) VALUES ($1, 'assignation', '2026-12-02', $2, $3)`,
    [procedure, landlordPartnerId, randomUUID()],
  );
  await dataSource.query(
    `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, street, postal_code, city)
     VALUES ($1, $2, $3, 'Diallo', 'Awa', '12 rue des Lilas', '91000', 'Évry-Courcouronnes')`,
    [landlordPartnerId, `ref-${household}`, household],
  );
  return household;
}

let team: string;
const intents = (household: string) => [
  {
    partnerId: team,
    partnerKind: 'equipe_mobile' as const,
    stage: 'assignation' as const,
    purpose: 'courrierBailleurPrive',
    legal: false,
    deadlineOn: null,
    callbackPhone: '+33160000000',
    idempotencyKey: `${household}-landlord`,
  },
  {
    partnerId: team,
    partnerKind: 'equipe_mobile' as const,
    stage: 'assignation' as const,
    purpose: 'allerVersEquipeMobile',
    legal: false,
    deadlineOn: null,
    callbackPhone: '+33160000000',
    idempotencyKey: `${household}-team`,
  },
];

const landlordLetters = async (household: string) =>
  (await dataSource.query(
    `SELECT contact_key, status FROM planned_contact WHERE household_id = $1 AND purpose = 'courrierBailleurPrive' AND status = 'planned'`,
    [household],
  )) as Array<{ contact_key: string; status: string }>;

beforeAll(async () => {
  database = await createIsolatedDatabase('landlord_letters');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 }));
  await dataSource.initialize();
  queue = new Queue(COORDINATION_QUEUE, { connection, prefix: `test:landlord-letters:${randomBytes(4).toString('hex')}` });
  const repository = new CoordinationRepository(dataSource);
  snapshots = new HouseholdSnapshotRepository(dataSource, new HouseholdCaseReader(dataSource), new PartnerDirectoryReader(dataSource));
  service = new CoordinationService(
    repository,
    snapshots,
    new PlanExecutor(repository, queue, new RecordingContactHandOff()),
    PlaybookCatalog.load(),
    clock,
  );
  partners = new PartnersRepository(dataSource);
  team = await insertPartner('equipe-mobile-91', 'equipe_mobile');
  await insertPartner('adil-91', 'adil');
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await dataSource?.destroy();
  await database?.drop();
});

describe('letters to a private landlord: its address from the partners’ directory', () => {
  it('plans no letter to the landlord while Unisson has no address for it, and says why', async () => {
    const landlord = await insertPartner('bailleur-prive', 'bailleur_prive');
    const household = await seedHousehold(landlord);
    expect((await snapshots.findSnapshot(household))?.procedure.landlordPostalAddressKnown).toBe(false);
    const plan = await service.postIntents(household, intents(household));
    expect(plan?.contacts.some((c) => c.purpose === 'courrierBailleurPrive')).toBe(false);
    expect(plan?.trace.some((t) => /n'a pas l'adresse postale du bailleur privé/.test(t.message))).toBe(true);
    // The household's own letters are planned all the same.
    expect(plan?.contacts.some((c) => c.channel === 'letter' && c.purposes.includes('allerVersEquipeMobile'))).toBe(true);
  });

  it('plans one letter to the landlord once its address is set, and keeps the address sealed at rest', async () => {
    const landlord = await insertPartner('bailleur-prive', 'bailleur_prive');
    await partners.savePostalAddress(landlord, LANDLORD_ADDRESS);
    const household = await seedHousehold(landlord);
    expect((await snapshots.findSnapshot(household))?.procedure.landlordPostalAddressKnown).toBe(true);
    await service.postIntents(household, intents(household));
    expect(await landlordLetters(household)).toHaveLength(1);
    const raw = JSON.stringify(await dataSource.query(`SELECT * FROM partner_postal_address WHERE partner_id = $1`, [landlord]));
    for (const clear of ['Lefèvre', 'LEFEVRE', 'REPUBLIQUE', 'MASSY']) expect(raw).not.toContain(clear);
    expect((await partners.findPostalAddress(landlord))?.address.lines).toEqual(LANDLORD_ADDRESS.lines);
  });

  it('an address on a partner that is not a private landlord plans nothing to it (a social landlord is written to by its tenant’s partners)', async () => {
    const social = await insertPartner('bailleur-social', 'bailleur_social');
    await partners.savePostalAddress(social, LANDLORD_ADDRESS);
    const household = await seedHousehold(social);
    expect((await snapshots.findSnapshot(household))?.procedure.landlordPostalAddressKnown).toBe(false);
  });

  it('a letter to the landlord come back NPAI marks the landlord’s address, never the household’s, and is not re-sent there', async () => {
    const landlord = await insertPartner('bailleur-prive', 'bailleur_prive');
    await partners.savePostalAddress(landlord, LANDLORD_ADDRESS);
    const household = await seedHousehold(landlord);
    await service.postIntents(household, intents(household));
    const [letter] = await landlordLetters(household);
    await dataSource.query(`UPDATE planned_contact SET status = 'handedOff' WHERE contact_key = $1`, [letter.contact_key]);

    await service.recordOutcome(letter.contact_key, 'npai');

    expect(await dataSource.query(`SELECT count(*)::int AS n FROM returned_postal_address WHERE household_id = $1`, [household])).toEqual([
      { n: 0 },
    ]);
    expect(await dataSource.query(`SELECT contact_key FROM returned_landlord_address WHERE partner_id = $1`, [landlord])).toEqual([
      { contact_key: letter.contact_key },
    ]);
    const snapshot = await snapshots.findSnapshot(household);
    expect(snapshot?.household.postalAddressValid).toBe(true);
    expect(snapshot?.procedure.landlordPostalAddressKnown).toBe(false);
    expect(await landlordLetters(household)).toEqual([]);
    // The household's letters still go to its own address.
    const plan = await service.replan(household);
    expect(plan?.contacts.some((c) => c.channel === 'letter' && c.purposes.includes('allerVersEquipeMobile'))).toBe(true);
    expect(plan?.trace.some((t) => /revenu \(NPAI\) de l'adresse du bailleur privé/.test(t.message))).toBe(true);

    // A new address for the landlord: usable again (the one that came back stays marked).
    await partners.savePostalAddress(landlord, {
      ...LANDLORD_ADDRESS,
      street: '3 rue Gambetta',
      lines: ['M. Jean Lefèvre', '3 RUE GAMBETTA', '91300 MASSY'],
    });
    expect((await snapshots.findSnapshot(household))?.procedure.landlordPostalAddressKnown).toBe(true);
  });
});
