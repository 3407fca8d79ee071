import { Client } from 'pg';

/** The server-level URL used to create and drop throwaway databases in tests. */
export function adminUrl(): string {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/unisson');
  base.pathname = '/postgres';
  return base.toString();
}

export function databaseUrl(name: string): string {
  const base = new URL(adminUrl());
  base.pathname = `/${name}`;
  return base.toString();
}

export async function withAdmin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The migrated template of this test run (set by the global setup, inherited by the workers). */
export function templateDatabase(): string {
  return process.env.UNISSON_TEMPLATE_DB ?? 'unisson_test_template';
}
