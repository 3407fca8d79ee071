import { DataSource } from 'typeorm';
import { ProviderSandbox, startProviderSandbox } from '../../../apps/provider-sandbox/src';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import {
  appEnv,
  deliveryCounts,
  enqueueDispatch,
  seedQueuedMessages,
  SeededMessage,
  statusCounts,
  tally,
} from '../../support/dispatch-workload';
import { eventually, freePort } from '../../support/free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from '../../support/isolated-database';
import { RunningProcess, startWorkerProcess } from '../../support/processes';

jest.setTimeout(180_000);

/**
 * Fault: the worker is SIGKILLed in the middle of a batch of 2,000 messages (1,000 SMS, 1,000
 * e-mails), then restarted. Counted at the local providers: every message exactly once.
 */
describe('a worker killed mid-batch', () => {
  let database: IsolatedDatabase;
  let sandbox: ProviderSandbox;
  let db: DataSource;
  let worker: RunningProcess | null = null;

  beforeAll(async () => {
    database = await createIsolatedDatabase('worker_crash');
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'unisson-local-twilio-auth-token',
      lifecycleDelayMs: 60_000,
    });
    db = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 2 }));
    await db.initialize();
  });
  afterAll(async () => {
    await worker?.kill();
    await db?.destroy();
    await sandbox?.stop();
    await database?.drop();
  });

  it('delivers each of 2,000 messages exactly once after a SIGKILL and a restart', async () => {
    const prefix = isolatedQueuePrefix('worker_crash');
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const env = appEnv({ databaseUrl: database.url, redisUrl, queuePrefix: prefix, sandbox, apiPort: await freePort() });
    const messages: SeededMessage[] = await seedQueuedMessages(db, 2_000);
    worker = await startWorkerProcess(env);
    await enqueueDispatch(
      redisUrl,
      prefix,
      messages.map((m) => m.id),
    );

    const delivered = () => sandbox.store.messages.length + sandbox.store.emails.length;
    await eventually(() => (delivered() >= 600 ? true : undefined), 60_000, '600 deliveries');
    await worker.kill();
    const atKill = delivered();
    const inFlight = await statusCounts(
      db,
      messages.map((m) => m.id),
    );

    worker = await startWorkerProcess(env);
    await eventually(
      async () => {
        const statuses = await statusCounts(
          db,
          messages.map((m) => m.id),
        );
        return (statuses.sent ?? 0) === messages.length ? statuses : undefined;
      },
      120_000,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    process.stdout.write(
      `worker SIGKILL: ${atKill} delivered at the kill, left in "sending" ${inFlight.sending ?? 0}; after restart ${JSON.stringify(result)}\n`,
    );
    expect(atKill).toBeLessThan(messages.length);
    expect(result).toEqual({ messages: 2_000, deliveredOnce: 2_000, missing: 0, duplicated: 0 });
  });
});
