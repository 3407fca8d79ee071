import { withAdmin } from './postgres-admin';
import { removeKeysMatching } from './redis-keys';

/** Drops this run's template database (and any test database a crashed file left behind), and its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.UNISSON_TEMPLATE_DB;
  if (!template) return;
  delete process.env.UNISSON_TEMPLATE_DB;
  await withAdmin(async (admin) => {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [template]);
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  });
  const run = process.env.UNISSON_TEST_RUN;
  if (run) await removeKeysMatching(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `{test:${run}:*`);
}
