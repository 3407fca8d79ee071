import { DataSource } from 'typeorm';
import { ProviderSandbox, startProviderSandbox } from '../../../apps/provider-sandbox/src';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { appEnv, deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { eventually, freePort } from '../../support/free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from '../../support/isolated-database';
import { withAdmin } from '../../support/postgres-admin';
import { RunningProcess, startWorkerProcess } from '../../support/processes';

jest.setTimeout(180_000);

/**
 * Fault: every PostgreSQL connection of the worker is terminated (pg_terminate_backend on the
 * test's own database) every 400 ms for 6 s while 2,000 messages are sent.
 */
describe('PostgreSQL connections killed mid-run', () => {
  let database: IsolatedDatabase;
  let sandbox: ProviderSandbox;
  let db: DataSource;
  let worker: RunningProcess | null = null;

  beforeAll(async () => {
    database = await createIsolatedDatabase('pg_kill');
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'unisson-local-twilio-auth-token',
      lifecycleDelayMs: 60_000,
    });
    db = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 2, applicationName: 'fault-test' }));
    await db.initialize();
  });
  afterAll(async () => {
    await worker?.kill();
    await db?.destroy();
    await sandbox?.stop();
    await database?.drop();
  });

  it('delivers each of 2,000 messages exactly once while the worker keeps losing its connections', async () => {
    const prefix = isolatedQueuePrefix('pg_kill');
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const env = appEnv({ databaseUrl: database.url, redisUrl, queuePrefix: prefix, sandbox, apiPort: await freePort() });
    const messages = await seedQueuedMessages(db, 2_000);
    worker = await startWorkerProcess(env);
    await enqueueDispatch(
      redisUrl,
      prefix,
      messages.map((m) => m.id),
    );
    await eventually(() => (sandbox.store.messages.length + sandbox.store.emails.length >= 200 ? true : undefined), 60_000, '200 sent');

    let terminated = 0;
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      terminated += await withAdmin(async (admin) => {
        const rows = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'unisson-worker'`,
          [database.name],
        );
        return rows.rowCount ?? 0;
      });
      await new Promise((r) => setTimeout(r, 400));
    }

    await eventually(
      async () =>
        (
          await statusCounts(
            db,
            messages.map((m) => m.id),
          )
        ).sent === messages.length
          ? true
          : undefined,
      120_000,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    process.stdout.write(`PostgreSQL connections killed: ${terminated} terminated; ${JSON.stringify(result)}\n`);
    expect(terminated).toBeGreaterThan(5);
    expect(result).toEqual({ messages: 2_000, deliveredOnce: 2_000, missing: 0, duplicated: 0 });
    expect(worker.child.exitCode).toBeNull();
    // The failures were logged without a recipient (database errors by query name and code).
    expect(worker.lines.some((line) => line.includes('database query failed') || line.includes('DatabaseError'))).toBe(true);
    expect(worker.lines.filter((line) => messages.some((m) => line.includes(m.recipient)))).toEqual([]);
  });
});
