import { randomBytes } from 'node:crypto';
import { databaseUrl, templateDatabase, withAdmin } from './postgres-admin';

export interface IsolatedDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const name = `unisson_t_${label.replace(/\W/g, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin(async (admin) => {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      }),
  };
}

/** A Redis key prefix of its own for one test file's queues. */
export function isolatedQueuePrefix(label: string): string {
  return `test:${process.env.UNISSON_TEST_RUN ?? 'run'}:${label}:${randomBytes(4).toString('hex')}`;
}
