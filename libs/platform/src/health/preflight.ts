import { Client } from 'pg';
import type { AppConfig } from '@unisson/config';
import { createRedisClient } from '../redis/redis-connection';

/** A URL fit for a message: its password masked. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(URL illisible)';
  }
}

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

async function postgresAnswers(url: string, timeoutMs: number): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? (error as Error).message ?? 'erreur');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(config: AppConfig, timeoutMs: number): Promise<string | null> {
  const client = createRedisClient(config, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? (error as Error).message ?? 'erreur');
  } finally {
    client.disconnect();
  }
}

/**
 * Before a process starts its modules: PostgreSQL and Redis must answer, else the start ends
 * with one message naming the setting to check (instead of a stack trace after 30 s of retries).
 */
export async function assertDependenciesReachable(config: AppConfig, timeoutMs = 3_000): Promise<void> {
  const [postgres, redis] = await Promise.all([postgresAnswers(config.database.url, timeoutMs), redisAnswers(config, timeoutMs)]);
  const problems: string[] = [];
  if (postgres) {
    problems.push(
      `PostgreSQL ne répond pas à DATABASE_URL=${maskedUrl(config.database.url)} (${postgres}). Vérifiez DATABASE_URL et que PostgreSQL tourne.`,
    );
  }
  if (redis) {
    const where = config.redis.clusterNodes.length
      ? `REDIS_CLUSTER_NODES=${config.redis.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`
      : `REDIS_URL=${maskedUrl(config.redis.url)}`;
    problems.push(
      `Redis ne répond pas à ${where} (${redis}). Vérifiez ${config.redis.clusterNodes.length ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL'} et que Redis tourne.`,
    );
  }
  if (problems.length) throw new StartupError(`Unisson ne peut pas démarrer.\n  - ${problems.join('\n  - ')}`);
}
