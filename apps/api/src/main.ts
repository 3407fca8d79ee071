import cluster from 'node:cluster';
import { loadConfig } from '@unisson/config';
import { assertDependenciesReachable } from '@unisson/platform';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertDependenciesReachable(config);
  if (config.api.workers > 1 && cluster.isPrimary) {
    // Several API processes share the port; each keeps its own pools and batch writers.
    for (let i = 0; i < config.api.workers; i++) cluster.fork();
    cluster.on('exit', (worker, code) => {
      console.error(`API process ${worker.process.pid} stopped (code ${code}); stopping the others.`);
      for (const other of Object.values(cluster.workers ?? {})) other?.kill();
      process.exitCode = 1;
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => Object.values(cluster.workers ?? {}).forEach((w) => w?.kill(signal)));
    }
    return;
  }
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
