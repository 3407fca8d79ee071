import { loadConfig } from '@unisson/config';
import { createWorker } from './bootstrap';

createWorker(loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
