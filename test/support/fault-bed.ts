/**
 * What every fault test stands on: a database of its own, the provider sandbox (status callbacks
 * an hour away unless said otherwise), a connection to look at the database, and the environment
 * of the API and worker child processes.
 */
import { DataSource } from 'typeorm';
import { ProviderSandbox, startProviderSandbox } from '../../apps/provider-sandbox/src';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { appEnv } from './dispatch-workload';
import { freePort } from './free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from './isolated-database';
import type { RunningProcess } from './processes';

export interface FaultBed {
  database: IsolatedDatabase;
  sandbox: ProviderSandbox;
  db: DataSource;
  queuePrefix: string;
  apiPort: number;
  /** Child processes to kill at the end. */
  processes: Array<RunningProcess | null>;
  env(redisUrl?: string, extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

export async function startFaultBed(label: string, options: { lifecycleDelayMs?: number } = {}): Promise<FaultBed> {
  const database = await createIsolatedDatabase(label);
  const sandbox = await startProviderSandbox({
    twilioPort: 0,
    smtpPort: 0,
    accountSid: 'AC00000000000000000000000000000000',
    authToken: 'unisson-local-twilio-auth-token',
    lifecycleDelayMs: options.lifecycleDelayMs ?? 3_600_000,
  });
  const db = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 2, applicationName: 'fault-test' }));
  await db.initialize();
  const queuePrefix = isolatedQueuePrefix(label);
  const apiPort = await freePort();
  const bed: FaultBed = {
    database,
    sandbox,
    db,
    queuePrefix,
    apiPort,
    processes: [],
    env: (redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', extra = {}) =>
      appEnv({ databaseUrl: database.url, redisUrl, queuePrefix, sandbox, apiPort, extra }),
    async stop() {
      await Promise.all(bed.processes.map((p) => p?.kill()));
      await db.destroy();
      await sandbox.stop();
      await database.drop();
    },
  };
  return bed;
}
