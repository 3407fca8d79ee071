import { loadConfig } from '@unisson/config';
import { assertDependenciesReachable } from '@unisson/platform';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertDependenciesReachable(config);
  await createWorker(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
