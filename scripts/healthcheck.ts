/**
 * Container health checks (infra/docker/compose.yaml), one per service:
 *   node -r @swc-node/register scripts/healthcheck.ts api|worker|sandbox
 * api: /health/ready answers 200. worker: PostgreSQL and Redis answer and the reconciler touched
 * WORKER_HEARTBEAT_FILE within three periods. sandbox: its home page answers. Exit 0 when healthy.
 */
import { stat } from 'node:fs/promises';
import { loadConfig } from '@unisson/config';
import { assertDependenciesReachable } from '@unisson/platform';

async function check(service: string): Promise<void> {
  const config = loadConfig();
  if (service === 'api') {
    const r = await fetch(`http://127.0.0.1:${config.api.port}/health/ready`, { signal: AbortSignal.timeout(3_000) });
    if (!r.ok) throw new Error(`/health/ready answered ${r.status}: ${await r.text()}`);
  } else if (service === 'worker') {
    await assertDependenciesReachable(config, 2_000);
    const file = config.jobs.heartbeatFile;
    if (!file) throw new Error('WORKER_HEARTBEAT_FILE is not set: the worker health check needs it.');
    const age = Date.now() - (await stat(file)).mtimeMs;
    if (age > 3 * config.jobs.reconcileEveryMs + 5_000)
      throw new Error(`the worker's reconciler has not run for ${Math.round(age / 1000)} s`);
  } else if (service === 'sandbox') {
    const r = await fetch(`http://127.0.0.1:${config.sandbox.twilioPort}/`, { signal: AbortSignal.timeout(3_000) });
    if (!r.ok) throw new Error(`the sandbox answered ${r.status}`);
  } else {
    throw new Error('usage: healthcheck.ts api|worker|sandbox');
  }
}

check(process.argv[2] ?? '').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
