import { withAdmin } from './postgres-admin';

/** Drops this run's template database (and any test database a crashed file left behind). */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.UNISSON_TEMPLATE_DB;
  if (!template) return;
  delete process.env.UNISSON_TEMPLATE_DB;
  await withAdmin(async (admin) => {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [template]);
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  });
}
