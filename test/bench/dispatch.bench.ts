/**
 * npm run bench:dispatch [-- --sms 20000 --emails 10000 --concurrency 256]
 * Messages through the full pipeline with one worker process (apps/worker): state in PostgreSQL
 * (claim, hand-over, outcome), the BullMQ queue, the rendering of the provider's payload (the
 * Twilio SDK's request, the MIME message), the provider call to the local servers (the
 * Twilio-compatible REST server, the SMTP catcher) and the status update. Bodies come from the
 * template library (its rendering is timed apart, in this process). Beside each figure: bare
 * BullMQ no-op jobs at the same concurrency, in a process of their own, in the same run.
 * Rates are measured in the database, from the first claim to the last "sent". Beside them, the
 * CPU each process spent per message (worker, sandbox, PostgreSQL backends, Redis), and what that
 * would allow if every core of the machine went to this pipeline: on a machine shared with other
 * work, the rate measures the load as much as the code. Provider paces are set out of the way
 * (SMS_PARTS_PER_SECOND, EMAILS_PER_SECOND: printed); they stay enforced, in Redis.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { startProviderSandbox } from '../../apps/provider-sandbox/src';
import { loadConfig } from '@unisson/config';
import { sealNullable, sealValue } from '@unisson/crypto';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { DEFAULT_VARIANT, TEMPLATE_KEYS, TemplateLibrary } from '@unisson/templates';
import { BODY_HTML_SEALING, MESSAGE_CONTEXT } from '../../libs/messaging/src/entities/outbound-message.entity';
import { migrate } from '../../scripts/db-migrate';
import { appEnv, enqueueDispatch } from '../support/dispatch-workload';
import { freePort } from '../support/free-port';
import { removeKeysMatching } from '../support/redis-keys';
import { startWorkerProcess } from '../support/processes';
import { machineContext } from './machine-context';
import { cpuMsOf, cpuSplitOf, pidsNamed } from './process-cpu';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

async function renderBodies(channel: 'sms' | 'email', count: number) {
  const library = TemplateLibrary.load();
  if (channel === 'email') await library.prepareAllEmails();
  const key = TEMPLATE_KEYS.find((k) => library.definition(k).channels.includes(channel))!;
  const variables = library.definition(key).sample;
  const started = performance.now();
  const rendered = [];
  for (let i = 0; i < count; i++) {
    rendered.push(await library.render({ templateKey: key, channel, locale: 'fr', variant: DEFAULT_VARIANT, variables }));
  }
  return { rendered, perSecond: Math.round(count / ((performance.now() - started) / 1000)) };
}

async function seed(
  db: DataSource,
  channel: 'sms' | 'email',
  count: number,
  label: string,
): Promise<{ ids: string[]; renderPerSecond: number }> {
  const { rendered, perSecond } = await renderBodies(channel, count);
  // A territory's messages are signed by a handful of partners, not one each.
  const partners = Array.from({ length: 20 }, () => randomUUID());
  const rows = rendered.map((r, i) => ({
    id: randomUUID(),
    idempotency_key: `bench:${label}:${i}`,
    household_id: randomUUID(),
    signing_partner_ids: [partners[i % partners.length]],
    channel,
    purpose: 'bench',
    template_key: r.templateKey,
    template_version: r.templateVersion,
    locale: r.locale,
    // Ending in 5: none of the sandbox's magic numbers (0001-0004, 0429, 0500).
    // Sealed at rest as the app stores them (decision 0020): the worker opens each one it sends.
    recipient: sealValue(
      channel === 'sms' ? `+3361${String(20_000_005 + i * 10)}` : `bench.${label}.${i}@example.org`,
      MESSAGE_CONTEXT.recipient,
    ),
    subject: sealNullable(r.subject ?? null, MESSAGE_CONTEXT.subject),
    body: sealValue(r.text, MESSAGE_CONTEXT.body),
    body_html: BODY_HTML_SEALING.to(r.html ?? null),
  }));
  for (let i = 0; i < rows.length; i += 1_000) {
    await db.query(
      `INSERT INTO outbound_message (id, idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key,
         template_version, locale, recipient, subject, body, body_html, status, not_before)
       SELECT id, idempotency_key, household_id, signing_partner_ids, channel::message_channel, purpose, template_key, template_version,
         locale, recipient, subject, body, body_html, 'queued', now() - interval '1 second'
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, idempotency_key text, household_id uuid, signing_partner_ids uuid[], channel text,
         purpose text, template_key text, template_version text, locale text, recipient text, subject text, body text, body_html text)`,
      [JSON.stringify(rows.slice(i, i + 1_000))],
    );
  }
  return { ids: rows.map((r) => r.id), renderPerSecond: perSecond };
}

async function noopBaseline(redisUrl: string, count: number, concurrency: number): Promise<{ perSecond: number; cpuMsPerJob: number }> {
  const url = new URL(redisUrl);
  const prefix = `{bench-noop-${randomBytes(4).toString('hex')}}`;
  const queue = new Queue('noop', {
    connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
    prefix,
  });
  try {
    for (let i = 0; i < count; i += 1_000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1_000, count - i) }, (_, k) => ({
          name: 'noop',
          data: { messageId: randomUUID() },
          opts: { jobId: `noop-${i + k}`, attempts: 8, removeOnComplete: { age: 24 * 3600, count: 10_000 } },
        })),
      );
    }
    const noop = spawn(process.execPath, ['-r', '@swc-node/register', 'test/bench/noop-worker.ts'], {
      cwd: `${__dirname}/../..`,
      env: { ...process.env, REDIS_URL: redisUrl, NOOP_PREFIX: prefix, NOOP_COUNT: String(count), NOOP_CONCURRENCY: String(concurrency) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    noop.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => noop.once('exit', resolve));
    const result = JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; cpuMsPerJob: number };
    return { perSecond: count / result.seconds, cpuMsPerJob: Number(result.cpuMsPerJob.toFixed(3)) };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

const sumCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);

/** Transactions committed in the bench database (each statement outside a transaction is one). */
async function commitsOf(db: DataSource, dbName: string): Promise<number> {
  // The statistics are sent by each backend at the end of its transactions, at most every 10 ms or so.
  await new Promise((r) => setTimeout(r, 50));
  const [{ n }] = await db.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1`, [dbName]);
  return Number(n);
}

/** CPU milliseconds of the bench database's backends other than this process's own. */
async function backendsCpuMs(db: DataSource, dbName: string): Promise<number> {
  const rows: Array<{ pid: number }> = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
    dbName,
  ]);
  return sumCpu(rows.map((r) => r.pid));
}

async function main(): Promise<void> {
  const smsCount = arg('sms', 20_000);
  const emailCount = arg('emails', 10_000);
  const concurrency = arg('concurrency', 256);
  const base = loadConfig();
  const dbUrl = new URL(base.database.url);
  const dbName = `unisson_bench_dispatch_${process.pid}`;
  dbUrl.pathname = `/${dbName}`;
  const admin = new DataSource({ type: 'postgres', url: base.database.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS unisson_bench_dispatch_${process.pid}`);
  await admin.query(`CREATE DATABASE unisson_bench_dispatch_${process.pid}`);
  process.stderr.write('▶ Database, provider sandbox…\n');
  await migrate(dbUrl.toString());
  // One connection: the bench's own backend is the one pg_stat_activity leaves out.
  const db = new DataSource(dataSourceOptions(dbUrl.toString(), unissonSchema, { poolSize: 1 }));
  await db.initialize();
  const sandbox = await startProviderSandbox({
    twilioPort: 0,
    smtpPort: 0,
    accountSid: base.twilio.accountSid,
    authToken: base.twilio.authToken,
    lifecycleDelayMs: 3_600_000,
  });
  const prefix = `bench-dispatch-${randomBytes(4).toString('hex')}`;
  const env = appEnv({
    databaseUrl: dbUrl.toString(),
    redisUrl: base.redis.url,
    queuePrefix: prefix,
    sandbox,
    apiPort: await freePort(),
    extra: {
      LOG_LEVEL: 'warn',
      DISPATCH_CONCURRENCY: String(concurrency),
      DATABASE_POOL_SIZE: '24',
      PROVIDER_TIMEOUT_MS: '15000',
      RECONCILE_EVERY_MS: '60000',
      // Production's pace (10 min): the e-mail run must not spend its time polling the SMS run's statuses.
      STATUS_POLL_AFTER_MS: '600000',
      // The worker opens what this process sealed: the same keys (development keys when unset).
      ...(process.env.UNISSON_MASTER_KEYS ? { UNISSON_MASTER_KEYS: process.env.UNISSON_MASTER_KEYS } : {}),
      ...(process.env.UNISSON_BLIND_INDEX_KEY ? { UNISSON_BLIND_INDEX_KEY: process.env.UNISSON_BLIND_INDEX_KEY } : {}),
    },
  });
  const results: Record<string, unknown> = {};
  try {
    for (const [channel, count] of [
      ['sms', smsCount],
      ['email', emailCount],
    ] as const) {
      process.stderr.write(`▶ ${channel}: rendering and storing ${count} messages…\n`);
      const { ids, renderPerSecond } = await seed(db, channel, count, `${channel}-${prefix}`);
      process.stderr.write(`▶ ${channel}: bare BullMQ no-op jobs at concurrency ${concurrency}…\n`);
      const noop = await noopBaseline(base.redis.url, count, concurrency);
      const noopPerSecond = noop.perSecond;
      process.stderr.write(`▶ ${channel}: the worker sends them…\n`);
      const worker = await startWorkerProcess({ ...env, LOG_LEVEL: 'info' }, [
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        // Options of the worker's node binary, to try (e.g. --max-semi-space-size=64).
        ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ]);
      const redisPids = pidsNamed('redis-server');
      const workerSplitBefore = cpuSplitOf(worker.child.pid!);
      const cpuBefore = { worker: cpuMsOf(worker.child.pid!), bench: process.cpuUsage(), redis: sumCpu(redisPids) };
      const commitsBefore = await commitsOf(db, dbName);
      await enqueueDispatch(base.redis.url, prefix, ids);
      let sent = 0;
      while (sent < count) {
        await new Promise((r) => setTimeout(r, 1_000));
        [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM outbound_message WHERE channel = $1 AND status = 'sent'`, [channel]);
        if (process.stderr.isTTY) process.stderr.write(`\r  ${sent}/${count} sent`);
        if (worker.child.exitCode !== null) throw new Error(`the worker stopped:\n${worker.lines.slice(-10).join('\n')}`);
      }
      process.stderr.write('\n');
      const [{ seconds }] = await db.query(
        `SELECT extract(epoch FROM max(sent_at) - min(sending_started_at))::float AS seconds FROM outbound_message WHERE channel = $1`,
        [channel],
      );
      const benchCpu = process.cpuUsage(cpuBefore.bench);
      const workerSplit = cpuSplitOf(worker.child.pid!);
      const perMessage = (ms: number) => Number((ms / count).toFixed(3));
      const cpuMsPerMessage = {
        worker: perMessage(cpuMsOf(worker.child.pid!) - cpuBefore.worker),
        // Of which in the kernel: system calls, and the loopback network's work done on the sender's time.
        workerSystem: perMessage(workerSplit.system - workerSplitBefore.system),
        // The provider sandbox (Twilio-compatible server, SMTP catcher) runs in this process.
        sandbox: perMessage((benchCpu.user + benchCpu.system) / 1000),
        // The bench database's backends (the worker's connections), from their start.
        postgres: perMessage(await backendsCpuMs(db, dbName)),
        // The machine's shared Redis: other programs' commands included.
        redisShared: perMessage(sumCpu(redisPids) - cpuBefore.redis),
      };
      const commitsPerMessage = Number((((await commitsOf(db, dbName)) - commitsBefore) / count).toFixed(3));
      await worker.stop();
      const perSecond = count / seconds;
      results[channel] = {
        messages: count,
        perSecond: Math.round(perSecond),
        target: channel === 'sms' ? 2_000 : 1_000,
        met: perSecond >= (channel === 'sms' ? 2_000 : 1_000),
        noopJobsPerSecond: Math.round(noopPerSecond),
        // BullMQ's own cost per job in a worker process: a floor under the worker's time per message.
        noopWorkerCpuMsPerJob: noop.cpuMsPerJob,
        ratioToNoop: Number((perSecond / noopPerSecond).toFixed(3)),
        templateRenderPerSecond: renderPerSecond,
        cpuMsPerMessage,
        // Messages a second if every core went to the pipeline's processes (an estimate from the CPU they used).
        cpuBoundPerSecond: Math.round(
          (os.cpus().length * 1000) /
            (cpuMsPerMessage.worker + cpuMsPerMessage.sandbox + cpuMsPerMessage.postgres + cpuMsPerMessage.redisShared),
        ),
        postgresCommitsPerMessage: commitsPerMessage,
        delivered: channel === 'sms' ? sandbox.store.messages.length : sandbox.store.emails.length,
      };
      process.stderr.write(
        `  ${channel}: ${Math.round(perSecond)}/s through the pipeline, no-op jobs ${Math.round(noopPerSecond)}/s (ratio ${(perSecond / noopPerSecond).toFixed(3)})\n` +
          `  CPU ms per message: worker ${cpuMsPerMessage.worker} (kernel ${cpuMsPerMessage.workerSystem}; no-op job ${noop.cpuMsPerJob}), sandbox ${cpuMsPerMessage.sandbox}, PostgreSQL ${cpuMsPerMessage.postgres}, Redis (shared) ${cpuMsPerMessage.redisShared}; ${commitsPerMessage} commits per message\n` +
          `  all cores to the pipeline: about ${results[channel] ? (results[channel] as { cpuBoundPerSecond: number }).cpuBoundPerSecond : '?'}/s\n`,
      );
    }
  } finally {
    await db.destroy();
    await sandbox.stop();
    // Its queues' finished jobs (kept a day) would otherwise stay in the shared Redis.
    await removeKeysMatching(base.redis.url, `{${prefix}:*`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      `unisson_bench_dispatch_${process.pid}`,
    ]);
    await admin.query(`DROP DATABASE IF EXISTS unisson_bench_dispatch_${process.pid}`);
    await admin.destroy();
  }
  const paces = { smsPartsPerSecond: Number(env.SMS_PARTS_PER_SECOND), emailsPerSecond: Number(env.EMAILS_PER_SECOND) };
  process.stderr.write(
    `  provider paces (enforced, set high for the bench): ${paces.smsPartsPerSecond} SMS parts/s, ${paces.emailsPerSecond} e-mails/s\n`,
  );
  console.log(
    JSON.stringify({ bench: 'dispatch', concurrency, workerProcesses: 1, providerPaces: paces, ...results, machine: machineContext() }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
