import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  COORDINATION_QUEUE,
  CoordinationRepository,
  CoordinationService,
  HouseholdSnapshotRepository,
  PlanExecutor,
  PlaybookCatalog,
  RecordingContactHandOff,
} from '@unisson/coordination';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { ResponseRecorder } from './response-recorder';
import { HouseholdCaseReader } from '@unisson/households';
import { PartnerDirectoryReader } from '@unisson/partners';

let database: IsolatedDatabase;
let dataSource: DataSource;
let queue: Queue;
let coordination: CoordinationService;
let recorder: ResponseRecorder;
const clock = { now: () => Date.parse('2026-11-02T09:00:00Z') };

async function householdWithPlan(): Promise<{ household: string; smsKey: string; letterKey: string }> {
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
  const plan = await coordination.postIntents(household, [
    {
      partnerId: 'cd-93',
      partnerKind: 'departement',
      stage: 'commandement_de_payer',
      purpose: 'offreServiceSocialCommandement',
      legal: false,
      deadlineOn: null,
      callbackPhone: '+33143930000',
      idempotencyKey: `${household}-c`,
    },
    {
      partnerId: 'drihl-93',
      partnerKind: 'etat',
      stage: 'commandement_de_payer',
      purpose: 'lettrePreventionCcapex',
      legal: true,
      deadlineOn: null,
      callbackPhone: '+33140000000',
      idempotencyKey: `${household}-b`,
    },
  ]);
  const sms = plan?.contacts.find((c) => c.channel === 'sms');
  const letter = plan?.contacts.find((c) => c.channel === 'letter');
  if (!sms || !letter) throw new Error('the plan should hold an SMS and a letter');
  return { household, smsKey: sms.key, letterKey: letter.key };
}

const countOf = async (sql: string, params: unknown[]): Promise<number> => Number((await dataSource.query(sql, params))[0].n);

beforeAll(async () => {
  database = await createIsolatedDatabase('responses');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 }));
  await dataSource.initialize();
  queue = new Queue(COORDINATION_QUEUE, {
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: `test:responses:${randomBytes(4).toString('hex')}`,
  });
  const repository = new CoordinationRepository(dataSource);
  const executor = new PlanExecutor(repository, queue, new RecordingContactHandOff());
  coordination = new CoordinationService(
    repository,
    new HouseholdSnapshotRepository(dataSource, new HouseholdCaseReader(dataSource), new PartnerDirectoryReader(dataSource)),
    executor,
    PlaybookCatalog.load(),
    clock,
  );
  recorder = new ResponseRecorder(dataSource, coordination);
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await dataSource?.destroy();
  await database?.drop();
});

describe('ResponseRecorder on the whole schema', () => {
  it('counts a response once however often it is posted, and tells the engine once that the household responded', async () => {
    const { household, smsKey } = await householdWithPlan();
    const response = {
      idempotencyKey: `page:${household}:callback`,
      householdId: household,
      kind: 'callback_requested' as const,
      source: 'response_page' as const,
      occurredAt: new Date('2026-11-02T08:45:00Z'),
      plannedContactKey: smsKey,
      details: { slot: 'matin' },
    };
    const first = await recorder.record(response);
    const again = await recorder.record(response);
    expect(first.recorded).toBe(true);
    // A key seen before answers what was stored then: a caller tells a replay from another event under the same key.
    expect(again).toEqual({
      id: first.id,
      recorded: false,
      stored: {
        householdId: household,
        kind: 'callback_requested',
        occurredAt: new Date('2026-11-02T08:45:00Z'),
        details: { slot: 'matin' },
      },
    });
    expect(await countOf(`SELECT count(*) AS n FROM response_event WHERE household_id = $1`, [household])).toBe(1);
    expect(
      await countOf(`SELECT count(*) AS n FROM coordination_event WHERE household_id = $1 AND type = 'householdResponded'`, [household]),
    ).toBe(1);
    const [contact] = await dataSource.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [smsKey]);
    expect(contact.outcome).toBe('responded');
  });

  it('a returned letter marks its contact returned (NPAI) and does not count as the household answering', async () => {
    const { household, letterKey } = await householdWithPlan();
    await recorder.record({
      idempotencyKey: `letter:${letterKey}:returned`,
      householdId: household,
      kind: 'letter_returned',
      source: 'letter',
      occurredAt: new Date('2026-11-02T08:50:00Z'),
      plannedContactKey: letterKey,
    });
    const [contact] = await dataSource.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [letterKey]);
    expect(contact.outcome).toBe('npai');
    expect(
      await countOf(`SELECT count(*) AS n FROM coordination_event WHERE household_id = $1 AND type = 'householdResponded'`, [household]),
    ).toBe(0);
  });

  it('records a batch in one statement: a key twice in the batch, or seen before, counts once and re-plans once', async () => {
    const first = await householdWithPlan();
    const second = await householdWithPlan();
    const at = new Date('2026-11-02T08:40:00Z');
    const callback = {
      idempotencyKey: `batch:${first.household}:1`,
      householdId: first.household,
      kind: 'callback_requested' as const,
      source: 'voice' as const,
      occurredAt: at,
    };
    const reply = {
      idempotencyKey: `batch:${second.household}:1`,
      householdId: second.household,
      kind: 'sms_replied' as const,
      source: 'sms' as const,
      occurredAt: at,
    };
    const one = await recorder.recordMany([callback, callback, reply]);
    expect(one.map((r) => r.recorded)).toEqual([true, false, true]);
    expect(one[1]!.id).toBe(one[0]!.id);
    const visit = {
      ...callback,
      idempotencyKey: `batch:${first.household}:2`,
      kind: 'link_visited' as const,
      source: 'response_page' as const,
    };
    const two = await recorder.recordMany([reply, visit]);
    expect(two.map((r) => r.recorded)).toEqual([false, true]);
    expect(two[0]!.id).toBe(one[2]!.id);
    const responded = (household: string) =>
      countOf(`SELECT count(*) AS n FROM coordination_event WHERE household_id = $1 AND type = 'householdResponded'`, [household]);
    expect(
      await countOf(`SELECT count(*) AS n FROM response_event WHERE household_id = ANY ($1::uuid[])`, [
        [first.household, second.household],
      ]),
    ).toBe(3);
    expect(await responded(first.household)).toBe(2);
    expect(await responded(second.household)).toBe(1);
    // One bad row refuses the batch, naming its place, and writes nothing.
    await expect(
      recorder.recordMany([
        { ...visit, idempotencyKey: 'batch:new' },
        { ...visit, kind: 'clicked' as never },
      ]),
    ).rejects.toMatchObject({
      response: { field: '[1].kind' },
    });
    expect(await countOf(`SELECT count(*) AS n FROM response_event WHERE idempotency_key = 'batch:new'`, [])).toBe(0);
  });

  it('refuses a kind or source outside the vocabulary, naming the field, and writes nothing', async () => {
    const household = randomUUID();
    await expect(
      recorder.record({ idempotencyKey: 'x', householdId: household, kind: 'clicked' as never, source: 'sms', occurredAt: new Date() }),
    ).rejects.toMatchObject({ response: { field: 'kind' } });
    await expect(
      recorder.record({
        idempotencyKey: 'y',
        householdId: household,
        kind: 'sms_replied',
        source: 'pigeon' as never,
        occurredAt: new Date(),
      }),
    ).rejects.toMatchObject({ response: { field: 'source' } });
    expect(await countOf(`SELECT count(*) AS n FROM response_event WHERE household_id = $1`, [household])).toBe(0);
  });
});
