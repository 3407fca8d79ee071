import type { EntityManager } from 'typeorm';

/**
 * Runs a caller's statements: together on the pool, one after the other on a transaction's
 * connection. A connection runs one query at a time: pg 8 queues the others, with a deprecation
 * warning in the service's console, and pg 9 will refuse them. On one connection, running them
 * in turn costs no round trip more.
 */
export async function statementsOn<T extends unknown[]>(
  manager: EntityManager | undefined,
  statements: [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (!manager?.queryRunner) return (await Promise.all(statements.map((run) => run()))) as T;
  const results: unknown[] = [];
  for (const run of statements) results.push(await run());
  return results as T;
}
