/**
 * npm run bench:ingest [-- --duration 10 --connections 50 --rate 1000 --held-connections 20]
 * Posts first-arrears alerts over HTTP to a real API process (own database and queue prefix)
 * and measures the maximum alerts/s, then latency while held at 1,000 alerts/s, next to a bare GET /health/live baseline in the same run.
 * The last line is one JSON object.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { QUEUES } from '@unisson/queues';
import { seedDemo } from '../../scripts/demo-seed';
import { migrate } from '../../scripts/db-migrate';
import { freePort } from '../support/free-port';
import { machineContext } from './machine-context';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

function alertBody(n: number): string {
  return JSON.stringify({
    partnerRef: `BENCH-${n}`,
    tenant: { lastName: 'Durand', firstName: 'Camille' },
    address: { street: `${(n % 200) + 1} avenue Jean Jaurès`, postalCode: '93200', city: 'Saint-Denis' },
    contacts: { phone: '06 12 34 56 78', email: `foyer${n}@example.org` },
    lease: { housingSector: 'social', monthlyRent: 512.4 },
    arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
  });
}

async function run(title: string, options: autocannon.Options): Promise<autocannon.Result> {
  process.stderr.write(`▶ ${title}…\n`);
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: process.stderr.isTTY, renderResultsTable: false, renderLatencyTable: false });
  });
}

async function main(): Promise<void> {
  const duration = arg('duration', 10);
  const connections = arg('connections', 50);
  const rate = arg('rate', 1000);
  // The held run paces 1000 alerts/s over fewer connections: autocannon sends each connection's
  // share in bursts, so 50 connections at 20/s each measure burst queueing more than the service.
  const heldConnections = arg('held-connections', 20);
  const base = loadConfig();
  const dbUrl = new URL(base.database.url);
  dbUrl.pathname = '/unisson_bench_ingest';
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    QUEUE_PREFIX: `bench-ingest-${Date.now()}`,
    API_PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    // The benchmark measures the service, not its per-key limit (which would answer 429 here).
    API_RATE_LIMIT_PER_SECOND: process.env.API_RATE_LIMIT_PER_SECOND ?? '100000',
  };
  const config = loadConfig(env);
  process.stderr.write('▶ Preparing a database of its own…\n');
  await migrate(config.database.url);
  const keys = await seedDemo(config);
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=var/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const api = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ready = await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await run('warm-up', { url: `${url}/health/live`, connections: 10, duration: 2 });
    const baseline = await run('baseline: GET /health/live', { url: `${url}/health/live`, connections, duration });
    let n = 0;
    const postAlerts = (extra: Partial<autocannon.Options>): autocannon.Options => ({
      url: `${url}/v1/alerts`,
      connections,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys['bailleur-93']}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: alertBody(n++) }) }],
      ...extra,
    });
    const alerts = await run('POST /v1/alerts, as fast as possible', postAlerts({}));
    const sustained = await run(
      `POST /v1/alerts, held at ${rate}/s over ${heldConnections} connections`,
      postAlerts({ overallRate: rate, connections: heldConnections }),
    );
    const non2xx = alerts.non2xx + alerts.errors + sustained.non2xx + sustained.errors;
    const figures = {
      benchmark: 'ingest',
      durationSeconds: duration,
      connections,
      alertsPerSecond: Math.round(alerts.requests.average),
      alertsP50Ms: alerts.latency.p50,
      alertsP99Ms: alerts.latency.p99,
      alertsTotal: alerts.requests.total + sustained.requests.total,
      sustainedRate: rate,
      sustainedConnections: heldConnections,
      sustainedPerSecond: Math.round(sustained.requests.average),
      sustainedP50Ms: sustained.latency.p50,
      sustainedP99Ms: sustained.latency.p99,
      alertsNon2xx: non2xx,
      baselinePerSecond: Math.round(baseline.requests.average),
      baselineP50Ms: baseline.latency.p50,
      baselineP99Ms: baseline.latency.p99,
      ratioToBaseline: Number((alerts.requests.average / baseline.requests.average).toFixed(3)),
      targets: { alertsPerSecond: 1000, p99Ms: 50 },
      met: sustained.requests.average >= 0.98 * rate && rate >= 1000 && sustained.latency.p99 < 50 && non2xx === 0,
      machine: machineContext(),
    };
    console.log(JSON.stringify(figures));
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    const queue = new Queue(QUEUES.intake, { connection: { url: config.redis.url }, prefix: config.redis.queuePrefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const db = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 1 }));
    await db.initialize();
    await db.query('TRUNCATE partner_submission, partner_api_key, partner CASCADE');
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
