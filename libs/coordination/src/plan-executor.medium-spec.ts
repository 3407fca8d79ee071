import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { RecordingContactHandOff } from './contact-hand-off';
import { CoordinationRepository } from './coordination.repository';
import { planContacts } from './domain/contact-planner';
import type { ContactPlan } from './domain/types';
import { COORDINATION_QUEUE, contactDueJobId } from './jobs/contact-due.job';
import { PlanExecutor } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';
import { coordinationEntities, coordinationMigrations } from './schema';
import { PlanningInputBuilder, intent } from './testing/planning-input.builder';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const database = `coordination_test_${randomBytes(4).toString('hex')}`;
const prefix = `test:coordination:${randomBytes(4).toString('hex')}`;
const playbook = PlaybookCatalog.load().forTerritory('93', '2026-11-02');

let admin: DataSource;
let dataSource: DataSource;
let queue: Queue;
let handOff: RecordingContactHandOff;
let executor: PlanExecutor;

function planFor(householdId: string, extra = false): ContactPlan {
  const now = new Date(Date.now() + 60_000).toISOString();
  const intents = [
    intent('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', { id: `${householdId}-a`, legal: true }),
    intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer', { id: `${householdId}-b` }),
    intent('offreServiceSocialCommandement', 'departement', 'commandement_de_payer', { id: `${householdId}-c` }),
  ];
  if (extra) intents.push(intent('rappelFinDelaiCommandement', 'adil', 'commandement_de_payer', { id: `${householdId}-d` }));
  return planContacts(
    new PlanningInputBuilder(playbook)
      .withHousehold({ id: householdId })
      .withProcedure({ id: `proc-${householdId.slice(0, 8)}` })
      .atStage('commandement_de_payer', now)
      .withIntents(...intents)
      .at(now)
      .build(),
  );
}

async function jobIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.map((j) => j.id ?? '').sort();
}

beforeAll(async () => {
  admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${database}`);
  dataSource = new DataSource({
    type: 'postgres',
    url: `postgres://postgres@127.0.0.1:5432/${database}`,
    entities: coordinationEntities,
    migrations: coordinationMigrations,
    migrationsTableName: 'schema_migration',
    logging: ['error'],
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  queue = new Queue(COORDINATION_QUEUE, { connection, prefix });
  handOff = new RecordingContactHandOff();
  executor = new PlanExecutor(new CoordinationRepository(dataSource), queue, handOff);
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await dataSource?.destroy();
  await admin?.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
  await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin?.destroy();
});

describe('PlanExecutor against Postgres and Redis', () => {
  it('enqueues one delayed job per planned contact, and re-running the plan adds nothing', async () => {
    const household = randomUUID();
    const plan = planFor(household);
    const first = await executor.applyPlans([plan]);
    expect(first.scheduled).toHaveLength(plan.contacts.length);
    const ids = await jobIds();
    expect(ids).toEqual(plan.contacts.map((c) => contactDueJobId({ contactKey: c.key })).sort());

    const again = await executor.applyPlans([plan]);
    expect(again).toEqual({ scheduled: [], cancelled: [] });
    expect(await jobIds()).toEqual(ids);
  });

  it('cancels the jobs a new plan made obsolete and adds the new ones', async () => {
    const household = randomUUID();
    await executor.applyPlans([planFor(household, true)]);
    const withReminder = await jobIds();
    const replanned = planFor(household, false);
    const result = await executor.applyPlans([replanned]);
    expect(result.cancelled.length).toBeGreaterThan(0);
    const remaining = await jobIds();
    for (const key of result.cancelled) expect(remaining).not.toContain(contactDueJobId({ contactKey: key }));
    expect(remaining.length).toBeLessThan(withReminder.length);
    const statuses: Array<{ status: string }> = await dataSource.query(`SELECT status FROM planned_contact WHERE contact_key = ANY($1)`, [
      result.cancelled,
    ]);
    expect(statuses.every((s) => s.status === 'cancelled')).toBe(true);
  });

  it('hands a due contact off exactly once, even when its job runs twice', async () => {
    const household = randomUUID();
    const plan = planFor(household);
    await executor.applyPlans([plan]);
    const key = plan.contacts[0].key;
    await dataSource.query(`UPDATE planned_contact SET not_before = now() - interval '1 minute' WHERE contact_key = $1`, [key]);
    const before = handOff.handedOff.length;
    expect(await Promise.all([executor.handleDue(key), executor.handleDue(key)])).toEqual(
      expect.arrayContaining(['handedOff', 'notPlanned']),
    );
    expect(handOff.handedOff.length - before).toBe(1);
    expect(await executor.handleDue(key)).toBe('notPlanned');
    // Re-applying the same plan never revives a contact already handed off.
    const again = await executor.applyPlans([plan]);
    expect(again.scheduled.map((s) => s.contactKey)).not.toContain(key);
  });

  it('a BullMQ worker runs the due job and the hand-off receives the contact', async () => {
    const household = randomUUID();
    const plan = planFor(household);
    const immediate: ContactPlan = {
      ...plan,
      contacts: plan.contacts
        .slice(0, 1)
        .map((c) => ({ ...c, window: { ...c.window, notBefore: new Date(Date.now() - 1000).toISOString() } })),
    };
    const events = new QueueEvents(COORDINATION_QUEUE, { connection, prefix });
    const worker = new Worker(COORDINATION_QUEUE, async (job) => executor.handleDue(job.data.contactKey), { connection, prefix });
    try {
      await events.waitUntilReady();
      await executor.applyPlans([immediate]);
      const job = await queue.getJob(contactDueJobId({ contactKey: immediate.contacts[0].key }));
      expect(job).toBeDefined();
      expect(await job?.waitUntilFinished(events, 10_000)).toBe('handedOff');
      expect(handOff.handedOff.some((c) => c.key === immediate.contacts[0].key && c.householdId === household)).toBe(true);
    } finally {
      await worker.close();
      await events.close();
    }
  });
});
