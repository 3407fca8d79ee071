import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RecordingContactHandOff } from '../contact-hand-off';
import { CoordinationRepository } from '../coordination.repository';
import { planContacts } from '../domain/contact-planner';
import { PlanExecutor } from '../plan-executor';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { coordinationEntities, coordinationMigrations } from '../schema';
import { intent, PlanningInputBuilder } from '../testing/planning-input.builder';
import { CONTACT_HANDOFF_QUEUE, COORDINATION_QUEUE, contactDueJobId } from './contact-due.job';
import { CoordinationReconciler } from './coordination-reconciler';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const database = `coordination_reconcile_${randomBytes(4).toString('hex')}`;
const prefix = `test-reconcile-${randomBytes(4).toString('hex')}`;
const playbook = PlaybookCatalog.load().forTerritory('93', '2026-11-02');
const HOUR = 3_600_000;

let admin: DataSource;
let dataSource: DataSource;
let dueQueue: Queue;
let handOffQueue: Queue;

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
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  dueQueue = new Queue(COORDINATION_QUEUE, { connection, prefix: `{${prefix}:coordination}` });
  handOffQueue = new Queue(CONTACT_HANDOFF_QUEUE, { connection, prefix: `{${prefix}:handoff}` });
});

afterAll(async () => {
  for (const queue of [dueQueue, handOffQueue]) {
    await queue?.obliterate({ force: true });
    await queue?.close();
  }
  await dataSource?.destroy();
  await admin?.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
  await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin?.destroy();
});

describe('enqueue horizon and coordination reconciler', () => {
  it('enqueues only contacts due within the horizon, then adds the others as they come due, and re-adds lost hand-offs', async () => {
    const start = Date.parse('2026-11-02T09:00:00Z');
    let now = start;
    const clock = { now: () => now };
    const handOff = new RecordingContactHandOff();
    const repository = new CoordinationRepository(dataSource);
    const executor = new PlanExecutor(repository, dueQueue, handOff, clock, { handOffQueue, enqueueHorizonMs: 6 * HOUR });
    const reconciler = new CoordinationReconciler(repository, executor, handOff, dueQueue, handOffQueue, clock);
    const household = randomUUID();
    const at = new Date(start).toISOString();
    const plan = planContacts(
      new PlanningInputBuilder(playbook)
        .withHousehold({ id: household })
        .withProcedure({ id: `proc-${household.slice(0, 8)}` })
        .atStage('commandement_de_payer', at)
        .withIntents(
          intent('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', { id: `${household}-a`, legal: true }),
          intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer', { id: `${household}-b` }),
          intent('offreServiceSocialCommandement', 'departement', 'commandement_de_payer', { id: `${household}-c` }),
        )
        .at(at)
        .build(),
    );
    await executor.applyPlans([plan]);
    const soon = plan.contacts.filter((c) => Date.parse(c.window.notBefore) - start <= 6 * HOUR);
    const later = plan.contacts.filter((c) => Date.parse(c.window.notBefore) - start > 6 * HOUR);
    expect(soon.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    const hasJob = async (key: string) => Boolean(await dueQueue.getJob(contactDueJobId({ contactKey: key })));
    for (const c of soon) expect(await hasJob(c.key)).toBe(true);
    for (const c of later) expect(await hasJob(c.key)).toBe(false);

    // Redis loses the jobs: the reconciler puts back those within the horizon.
    await dueQueue.obliterate({ force: true });
    expect(await reconciler.reconcile()).toBe(soon.length);
    for (const c of soon) expect(await hasJob(c.key)).toBe(true);

    // Time passes: the later contacts come within the horizon and get their job.
    now = Math.max(...later.map((c) => Date.parse(c.window.notBefore))) - HOUR;
    expect(await reconciler.reconcile()).toBe(later.length);
    for (const c of later) expect(await hasJob(c.key)).toBe(true);
    expect(await reconciler.reconcile()).toBe(0);

    // A contact handed off whose hand-off job was lost gets it back; once received, no more.
    const first = plan.contacts.find((c) => c.channel !== 'servedAct' && c.channel !== 'homeVisit')!.key;
    await dataSource.query(`UPDATE planned_contact SET not_before = now() - interval '1 minute' WHERE contact_key = $1`, [first]);
    now = Date.now();
    expect(await executor.handleDue(first)).toBe('handedOff');
    await handOffQueue.obliterate({ force: true });
    await dataSource.query(`UPDATE planned_contact SET handed_off_at = now() - interval '1 minute' WHERE contact_key = $1`, [first]);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    expect(await handOffQueue.getJob(`handoff-${first}`)).toBeDefined();
    await executor.deliverHandOff(first);
    expect(handOff.handedOff.map((c) => c.key)).toContain(first);
    await handOffQueue.obliterate({ force: true });
    expect(await reconciler.reconcile()).toBe(0);
  });
});
