import { DataSource } from 'typeorm';
import { ProviderSandbox, startProviderSandbox } from '../../../apps/provider-sandbox/src';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { appEnv, deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { eventually, freePort } from '../../support/free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from '../../support/isolated-database';
import { RunningProcess, startWorkerProcess } from '../../support/processes';

jest.setTimeout(240_000);

/**
 * Fault: the Twilio-compatible server and the SMTP server answer 5xx, 429 and time out (with
 * and without having taken the message) on a third of the requests. Every message still
 * reaches its provider exactly once.
 */
describe('providers answering 5xx, 429 and timeouts', () => {
  let database: IsolatedDatabase;
  let sandbox: ProviderSandbox;
  let db: DataSource;
  let worker: RunningProcess | null = null;

  beforeAll(async () => {
    database = await createIsolatedDatabase('provider_faults');
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

  it('sends each message once although a third of the calls fail, some after the provider took the message', async () => {
    const prefix = isolatedQueuePrefix('provider_faults');
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const env = appEnv({ databaseUrl: database.url, redisUrl, queuePrefix: prefix, sandbox, apiPort: await freePort() });
    sandbox.faults.configure({
      seed: 2026,
      twilio: { rate: 0.33, kinds: ['500', '500-after-create', '429', 'timeout-after-create', 'timeout-drop'], delayMs: 2_500 },
      smtp: { rate: 0.33, kinds: ['421-greeting', '554-greeting', '451-after-data', 'timeout-after-data'], delayMs: 2_500 },
    });
    const messages = await seedQueuedMessages(db, 600);
    worker = await startWorkerProcess(env);
    await enqueueDispatch(
      redisUrl,
      prefix,
      messages.map((m) => m.id),
    );

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
      200_000,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    const unconfirmed: Array<{ n: number }> = await db.query(
      `SELECT count(DISTINCT message_id)::int AS n FROM message_status_event WHERE provider_status = 'unconfirmed'`,
    );
    process.stdout.write(
      `provider faults injected ${JSON.stringify(sandbox.faults.injected)}; e-mails sent in doubt (not resent) ${unconfirmed[0].n}; ${JSON.stringify(result)}\n`,
    );
    for (const kind of [
      '500',
      '500-after-create',
      '429',
      'timeout-after-create',
      'timeout-drop',
      '421-greeting',
      '554-greeting',
      '451-after-data',
      'timeout-after-data',
    ]) {
      expect(sandbox.faults.injected[kind]).toBeGreaterThan(0);
    }
    expect(result).toEqual({ messages: 600, deliveredOnce: 600, missing: 0, duplicated: 0 });
  });
});
