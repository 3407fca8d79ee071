import { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import type { AppConfig } from '@unisson/config';

/**
 * How every Redis client of Unisson connects: one node (REDIS_URL) or a Redis Cluster
 * (REDIS_CLUSTER_NODES, with REDIS_URL's credentials and TLS).
 */
export function redisOptions(config: AppConfig): RedisOptions {
  const url = new URL(config.redis.url);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Reconnect for ever, at most every 2 s: Redis coming back must be noticed quickly.
    retryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000),
  };
}

export function isCluster(config: AppConfig): boolean {
  return config.redis.clusterNodes.length > 0;
}

function clusterOptions(config: AppConfig, overrides: RedisOptions): ClusterOptions {
  const { host: _host, port: _port, db: _db, ...node } = { ...redisOptions(config), ...overrides };
  return {
    redisOptions: node,
    clusterRetryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000),
    enableOfflineQueue: overrides.enableOfflineQueue ?? true,
  };
}

/** A new Redis client (a Cluster client when REDIS_CLUSTER_NODES is set). */
export function createRedisClient(config: AppConfig, overrides: RedisOptions = {}): Redis | Cluster {
  if (isCluster(config)) return new Cluster(config.redis.clusterNodes, clusterOptions(config, overrides));
  return new Redis({ ...redisOptions(config), ...overrides });
}

/**
 * The key prefix of one queue, in braces: a Redis Cluster hash tag, so that every key of a queue
 * lands on one node (BullMQ's scripts need that) while different queues spread over the nodes.
 */
export function queuePrefix(config: AppConfig, queue: string): string {
  return `{${config.redis.queuePrefix}:${queue}}`;
}

/** A Redis key of Unisson's own (rate limits, breakers), hash-tagged like the queues. */
export function unissonKey(config: AppConfig, area: string, ...parts: string[]): string {
  return [`{${config.redis.queuePrefix}:${area}}`, ...parts].join(':');
}
