import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { RecordingContactHandOff } from './contact-hand-off';
import { CoordinationRepository } from './coordination.repository';
import { CoordinationService } from './coordination.service';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { COORDINATION_QUEUE } from './jobs/contact-due.job';
import { PlanExecutor } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';
import { HouseholdCaseReader } from '@unisson/households';
import { PartnerDirectoryReader } from '@unisson/partners';

// The whole Unisson schema (foundation tables + the engine's), so the snapshot SQL meets the real columns.
let database: IsolatedDatabase;
let dataSource: DataSource;
let queue: Queue;
let service: CoordinationService;
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const clock = { now: () => Date.parse('2026-11-02T09:00:00Z') };

async function seedHousehold(): Promise<string> {
  const household = randomUUID();
  const procedure = randomUUID();
  await dataSource.query(`INSERT INTO household (id, territory) VALUES ($1, '93')`, [household]);
  await dataSource.query(
    `INSERT INTO procedure (id, household_id, landlord_partner_id, stage, housing_sector, lease_signed_on, debt_cents, first_unpaid_on)
     VALUES ($1, $2, $3, 'commandement_de_payer', 'prive', '2024-01-15', 350000, '2026-08-05')`,
    [procedure, household, randomUUID()],
  );
  await dataSource.query(
    `INSERT INTO stage_event (procedure_id, type, occurred_on, reported_by_partner_id, submission_id) VALUES ($1, 'commandement_de_payer', '2026-11-02', $2, $3)`,
    [procedure, randomUUID(), randomUUID()],
  );
  await dataSource.query(
    `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, street, postal_code, city, phone)
     VALUES ($1, 'ref-1', $2, 'Martin', 'Awa', '1 rue de la Paix', '93200', 'Saint-Denis', '+33612345678')`,
    [randomUUID(), household],
  );
  return household;
}

const intents = (household: string) => [
  {
    partnerId: 'cj-93',
    partnerKind: 'commissaire_de_justice' as const,
    stage: 'commandement_de_payer' as const,
    purpose: 'commandementDePayer',
    legal: true,
    deadlineOn: null,
    callbackPhone: null,
    idempotencyKey: `${household}-a`,
  },
  {
    partnerId: 'drihl-93',
    partnerKind: 'etat' as const,
    stage: 'commandement_de_payer' as const,
    purpose: 'lettrePreventionCcapex',
    legal: true,
    deadlineOn: null,
    callbackPhone: '+33140000000',
    idempotencyKey: `${household}-b`,
  },
  {
    partnerId: 'cd-93',
    partnerKind: 'departement' as const,
    stage: 'commandement_de_payer' as const,
    purpose: 'offreServiceSocialCommandement',
    legal: false,
    deadlineOn: null,
    callbackPhone: '+33143930000',
    idempotencyKey: `${household}-c`,
  },
  {
    partnerId: 'adil-93',
    partnerKind: 'adil' as const,
    stage: 'commandement_de_payer' as const,
    purpose: 'rappelFinDelaiCommandement',
    legal: false,
    deadlineOn: null,
    callbackPhone: null,
    idempotencyKey: `${household}-d`,
  },
];

beforeAll(async () => {
  database = await createIsolatedDatabase('coordination');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 }));
  await dataSource.initialize();
  queue = new Queue(COORDINATION_QUEUE, { connection, prefix: `test:coordination-service:${randomBytes(4).toString('hex')}` });
  const repository = new CoordinationRepository(dataSource);
  const executor = new PlanExecutor(repository, queue, new RecordingContactHandOff());
  service = new CoordinationService(
    repository,
    new HouseholdSnapshotRepository(dataSource, new HouseholdCaseReader(dataSource), new PartnerDirectoryReader(dataSource)),
    executor,
    PlaybookCatalog.load(),
    clock,
  );
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await dataSource?.destroy();
  await database?.drop();
});

describe('CoordinationService on the whole schema', () => {
  it('plans from the foundation tables, stores the plan and shows it to an entitled partner', async () => {
    const household = await seedHousehold();
    const plan = await service.postIntents(household, intents(household));
    expect(plan?.stage).toBe('commandement_de_payer');
    expect(plan?.contacts.some((c) => c.channel === 'servedAct' && c.legal)).toBe(true);
    expect(plan?.contacts.filter((c) => c.channel === 'letter')).toHaveLength(1);
    expect(plan?.contacts.some((c) => c.channel === 'sms')).toBe(true); // the partner record has a mobile number

    const shown = await service.planFor(household, {
      type: 'api_key',
      keyId: 'k',
      partnerId: 'adil-93',
      partnerKind: 'adil',
      territories: ['93'],
      scopes: ['plans:read'],
    });
    expect(shown.contacts.map((c) => c.key).sort()).toEqual(plan?.contacts.map((c) => c.key).sort());
    await expect(
      service.planFor(household, {
        type: 'api_key',
        keyId: 'k',
        partnerId: 'other',
        partnerKind: 'adil',
        territories: ['93'],
        scopes: ['plans:read'],
      }),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('the channel the household chose on its response page carries its non-legal messages from the next plan on', async () => {
    const household = await seedHousehold();
    const before = await service.postIntents(household, intents(household));
    const smsBefore = before!.contacts.filter((c) => c.channel === 'sms' && !c.legal);
    expect(smsBefore.length).toBeGreaterThan(0);
    await dataSource.query(`UPDATE household SET preferred_channel = 'letter' WHERE id = $1`, [household]);
    const after = await service.replan(household);
    expect(after!.contacts.filter((c) => c.channel === 'sms')).toEqual([]);
    expect(after!.trace.some((t) => t.code === 'householdChoseChannel')).toBe(true);
    // The served act and the legal letter are where they were.
    const legal = (plan: typeof before) => plan!.contacts.filter((c) => c.legal).map((c) => c.key);
    expect(legal(after)).toEqual(legal(before));
    const stored: Array<{ contact_key: string; status: string; cancel_reason: string | null }> = await dataSource.query(
      `SELECT contact_key, status, cancel_reason FROM planned_contact WHERE household_id = $1 AND channel = 'sms'`,
      [household],
    );
    expect(stored.length).toBe(smsBefore.length);
    for (const row of stored) {
      expect(row.status).toBe('cancelled');
      expect(row.cancel_reason).toContain('a choisi d');
    }
  });

  it('two purposes merged into one message: a contact the case moved past is named by its own purpose and the stage reached', async () => {
    const household = await seedHousehold();
    const [{ id: procedure }] = await dataSource.query(`SELECT id FROM procedure WHERE household_id = $1`, [household]);
    const atStage = async (stage: string, on: string) => {
      await dataSource.query(`UPDATE procedure SET stage = $2 WHERE id = $1`, [procedure, stage]);
      await dataSource.query(`UPDATE stage_event SET type = $2, occurred_on = $3 WHERE procedure_id = $1`, [procedure, stage, on]);
    };
    await atStage('premier_impaye', '2026-10-30');
    const asked = (partnerId: string, partnerKind: 'adil' | 'bailleur_social', purpose: string) => ({
      partnerId,
      partnerKind,
      stage: 'premier_impaye' as const,
      purpose,
      legal: false,
      deadlineOn: null,
      callbackPhone: null,
      idempotencyKey: `${household}-${purpose}`,
    });
    const before = await service.postIntents(household, [
      asked('bailleur-93', 'bailleur_social', 'offreTravailleurSocialBailleur'),
      asked('adil-93', 'adil', 'informationSosLoyersImpayes'),
    ]);
    const merged = before!.contacts.filter((c) => c.purposes.length === 2);
    expect(merged.length).toBeGreaterThan(0);
    expect(new Set(merged.map((c) => c.purpose))).toEqual(new Set(['informationSosLoyersImpayes']));

    await atStage('commandement_de_payer', '2026-11-02');
    await service.replan(household);
    const stored: Array<{ status: string; cancel_reason: string | null }> = await dataSource.query(
      `SELECT status, cancel_reason FROM planned_contact WHERE contact_key = ANY($1::text[])`,
      [merged.map((c) => c.key)],
    );
    expect(stored).toHaveLength(merged.length);
    for (const row of stored)
      expect(row).toEqual({
        status: 'cancelled',
        cancel_reason:
          "« Information SOS loyers impayés, FSL et ADIL » n'est plus prévu : le dossier est passé de l'étape « premier impayé » à l'étape « commandement de payer ».",
      });
  });

  it('posting the same intents again changes nothing; a cleared debt cancels every pending contact, each with its reason', async () => {
    const household = await seedHousehold();
    await service.postIntents(household, intents(household));
    const jobsBefore = (await queue.getJobs(['delayed', 'waiting'])).length;
    await service.postIntents(household, intents(household));
    expect((await queue.getJobs(['delayed', 'waiting'])).length).toBe(jobsBefore);

    const after = await service.recordEvent(household, { type: 'debtCleared', at: '2026-11-02T08:30:00.000Z' });
    // At the commandement stage, a cleared debt makes the legal acts moot too (loi n° 89-462, art. 24 I).
    expect(after?.contacts).toEqual([]);
    const stored: Array<{ legal: boolean; status: string; purpose: string; cancel_reason: string | null }> = await dataSource.query(
      `SELECT legal, status, purpose, cancel_reason FROM planned_contact WHERE household_id = $1`,
      [household],
    );
    expect(stored.filter((c) => c.status === 'planned')).toEqual([]);
    const reasonOf = (purpose: string) => stored.find((c) => c.status === 'cancelled' && c.purpose === purpose)?.cancel_reason;
    expect(reasonOf('rappelFinDelaiCommandement')).toContain('annulé : la dette est soldée');
    expect(reasonOf('lettrePreventionCcapex')).toContain('Obligation légale « Lettre de prévention');
    expect(reasonOf('lettrePreventionCcapex')).toContain('art. 24 I');
  });

  it('a letter returned NPAI marks the address for every partner, re-plans its content by SMS and suggests a visit to the Département', async () => {
    const household = await seedHousehold();
    const [departement] = await dataSource.query(
      `INSERT INTO partner (slug, name, kind, territory) VALUES ($1, 'Département de la Seine-Saint-Denis', 'departement', '93') RETURNING id`,
      [`cd93-${randomBytes(3).toString('hex')}`],
    );
    await service.postIntents(household, intents(household));
    // TypeORM answers an UPDATE with [rows, count].
    const [[letter]] = await dataSource.query(
      `UPDATE planned_contact SET status = 'handedOff', handed_off_at = now() WHERE household_id = $1 AND channel = 'letter' AND legal RETURNING contact_key`,
      [household],
    );
    await service.recordOutcome(letter.contact_key, 'npai');

    expect(await dataSource.query(`SELECT contact_key FROM returned_postal_address WHERE household_id = $1`, [household])).toEqual([
      { contact_key: letter.contact_key },
    ]);
    const rows: Array<{ contact_key: string; channel: string; status: string; lead_partner_id: string; purposes: string[] }> =
      await dataSource.query(
        `SELECT contact_key, channel, status, lead_partner_id, purposes FROM planned_contact WHERE household_id = $1`,
        [household],
      );
    const replacement = rows.find((r) => r.contact_key === letter.contact_key.replace('.letter.', '.sms.'));
    expect(replacement).toMatchObject({ status: 'planned', channel: 'sms' });
    expect(replacement?.purposes).toContain('lettrePreventionCcapex');
    expect(rows.find((r) => r.channel === 'homeVisit' && r.status === 'planned')?.lead_partner_id).toBe(departement.id);

    // Every partner's record at that address is concerned; a new address reported by a partner makes letters possible again.
    const input = await service.planningInput(household);
    expect(input?.household.postalAddressValid).toBe(false);
    await dataSource.query(
      `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, street, postal_code, city, updated_at)
       VALUES ($1, 'ref-2', $2, 'Martin', 'Awa', '5 avenue Lénine', '93200', 'Saint-Denis', now() + interval '1 second')`,
      [randomUUID(), household],
    );
    expect((await service.planningInput(household))?.household.postalAddressValid).toBe(true);
  });
});
