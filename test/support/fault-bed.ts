/**
 * What every fault test stands on: a database of its own, the provider sandbox (status callbacks
 * an hour away unless said otherwise), a connection to look at the database, and the environment
 * of the API and worker child processes.
 */
import { DataSource } from 'typeorm';
import { ProviderSandbox, startProviderSandbox } from '../../apps/provider-sandbox/src';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { appEnv, enqueueDispatch, SeededMessage, seedQueuedMessages, statusCounts } from './dispatch-workload';
import { freePort, whileProgressing } from './free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from './isolated-database';
import { RunningProcess, startWorkerProcess } from './processes';

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

/** A fault test's run: queued messages, one worker sending them, and how far it got. */
export interface WorkerRun {
  messages: SeededMessage[];
  ids: string[];
  worker: RunningProcess;
  /** Messages the local providers received so far (duplicates included). */
  delivered(): number;
  progress(): Promise<Record<string, number>>;
  /** Until every message is recorded sent, bounded by progress; fails if the worker died, printing its last lines and `diagnose()`. */
  untilEverySent(diagnose?: () => Promise<string>): Promise<void>;
}

export async function sendThroughWorker(bed: FaultBed, env: Record<string, string>, count: number): Promise<WorkerRun> {
  const messages = await seedQueuedMessages(bed.db, count);
  const ids = messages.map((m) => m.id);
  const worker = await startWorkerProcess(env);
  bed.processes.push(worker);
  await enqueueDispatch(env.REDIS_URL, bed.queuePrefix, ids);
  const delivered = () => bed.sandbox.store.messages.length + bed.sandbox.store.emails.length;
  const progress = async () => ({ delivered: delivered(), ...(await statusCounts(bed.db, ids)) });
  return {
    messages,
    ids,
    worker,
    delivered,
    progress,
    untilEverySent: (diagnose = async () => '') =>
      whileProgressing(
        async () => {
          // A fault once crashed the worker (an 'error' event nobody heard): it must live through it.
          if (worker.child.exitCode !== null) throw new Error(`the worker died (exit ${worker.child.exitCode})`);
          return (await statusCounts(bed.db, ids)).sent === messages.length ? true : undefined;
        },
        progress,
        'every message sent',
      ).then(
        () => undefined,
        async (error: unknown) => {
          process.stdout.write(`${await diagnose()}worker's last lines:\n${worker.lines.slice(-40).join('\n')}\n`);
          throw error;
        },
      ),
  };
}
