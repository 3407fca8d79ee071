import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { startProviderSandbox, ProviderSandbox } from '../../apps/provider-sandbox/src';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { AppConfig, loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { DEMO_CLOCK_START, seedDemo } from '../../scripts/demo-seed';
import { freePort } from './free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from './isolated-database';

/** The whole of Unisson on this machine for one test file: API, worker, provider sandbox, own DB and queues. */
export interface UnissonStack {
  config: AppConfig;
  baseUrl: string;
  /** The API application (its route table, its providers). */
  api: NestFastifyApplication;
  sandbox: ProviderSandbox;
  db: DataSource;
  keys: Record<string, string>;
  /** The API's route table, as its HTTP server registered it (every controller's routes, the dashboard's, the docs'). */
  routes: ServedRoute[];
  stop(): Promise<void>;
}

export interface ServedRoute {
  method: string;
  url: string;
}

export async function startUnissonStack(label: string, settings: Record<string, string> = {}): Promise<UnissonStack> {
  const database: IsolatedDatabase = await createIsolatedDatabase(label);
  const apiPort = await freePort();
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const sandbox = await startProviderSandbox({
    twilioPort: 0,
    smtpPort: 0,
    accountSid: base.twilio.accountSid,
    authToken: base.twilio.authToken,
    inboundSmsWebhookUrl: `${baseUrl}/v1/webhooks/twilio/inbound-sms`,
    bounceWebhookUrl: `${baseUrl}/v1/webhooks/email/bounces`,
    mailReturnPath: base.mail.returnPath,
    mailWebhookSecret: base.mail.webhookSecret,
    lifecycleDelayMs: 50,
  });
  const config = loadConfig({
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    // A pool smaller than the production default (20): a job that takes a second connection while
    // its transaction holds one shows up as a stuck test, not in production (see intake-one-connection).
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: isolatedQueuePrefix(label),
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: baseUrl,
    TWILIO_BASE_URL: sandbox.twilioUrl,
    SMTP_URL: `smtp://127.0.0.1:${sandbox.smtpPort}`,
    MAIL_LOG_URL: sandbox.twilioUrl,
    MAIL_LOG_SETTLE_MS: '1000',
    // A Tuesday at 10:30 in Paris: inside the playbooks' sending hours, whatever time the suite runs.
    COORDINATION_CLOCK_START: process.env.E2E_CLOCK_START ?? DEMO_CLOCK_START,
    SMS_PARTS_PER_SECOND: '1000',
    ...settings,
  });
  const api: NestFastifyApplication = await createApiApp(config);
  const routes: ServedRoute[] = [];
  api
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
    });
  await api.listen(apiPort, '127.0.0.1');
  const worker: INestApplicationContext = await createWorker(config);
  const db = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 2 }));
  await db.initialize();
  const keys = await seedDemo(config);
  return {
    config,
    baseUrl,
    api,
    sandbox,
    db,
    keys,
    routes,
    async stop() {
      const t0 = Date.now();
      await worker.close();
      if (process.env.STACK_TIMING) process.stdout.write(`worker closed in ${Date.now() - t0} ms\n`);
      await api.close();
      if (process.env.STACK_TIMING) process.stdout.write(`api closed in ${Date.now() - t0} ms\n`);
      await db.destroy();
      await sandbox.stop();
      await database.drop();
    },
  };
}
