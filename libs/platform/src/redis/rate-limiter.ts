import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { createRedisClient, unissonKey } from './redis-connection';

/**
 * GCRA (a leaky bucket as arrival times) on one Redis key per bucket, shared by every process:
 * a call reserves `cost` units at `perSecond`, with `burstMs` of tolerance. Answers how long to
 * wait; refuses, reserving nothing, when the wait would exceed `maxWaitMs`.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local maxWait = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local newTat = tat + interval * cost
local wait = newTat - burst - now
if wait > maxWait then return {0, math.ceil(wait)} end
redis.call('SET', KEYS[1], string.format('%.3f', newTat), 'PX', math.ceil(newTat - now) + 1000)
if wait < 0 then wait = 0 end
return {1, math.ceil(wait)}`;

/**
 * Failures counted per key for `windowMs`; from `threshold` failures on, each new one locks the
 * key for `baseLockMs` doubled per extra failure (capped). Answers the lock's remaining ms.
 */
const FAIL = `
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local threshold = tonumber(ARGV[2])
if failures < threshold then return 0 end
local lock = math.min(tonumber(ARGV[3]) * 2 ^ (failures - threshold), tonumber(ARGV[4]))
redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock))
return math.floor(lock)`;

export interface LockoutPolicy {
  threshold: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

/** Rate limits and lockouts kept in Redis, so that every API process counts the same calls. */
@Injectable()
export class RedisRateLimiter implements OnModuleInit, OnModuleDestroy {
  private client: Redis | Cluster | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.redis();
  }

  async reserve(
    bucket: string,
    rate: { perSecond: number; cost?: number; burstMs?: number; maxWaitMs?: number },
  ): Promise<{ granted: boolean; waitMs: number }> {
    const interval = 1000 / rate.perSecond;
    const cost = rate.cost ?? 1;
    const [granted, waitMs] = (await this.redis().eval(
      RESERVE,
      1,
      unissonKey(this.config, 'limits', bucket),
      interval.toFixed(6),
      String(Math.max(rate.burstMs ?? 1000, interval * cost)),
      String(cost),
      String(rate.maxWaitMs ?? 0),
    )) as [number, number];
    return { granted: granted === 1, waitMs };
  }

  /** The remaining ms of a lock on `key`, 0 when it is not locked. */
  async lockedFor(key: string): Promise<number> {
    return Math.max(0, await this.redis().pttl(unissonKey(this.config, 'limits', 'lock', key)));
  }

  /** Counts a failure; answers the lock it caused (ms), 0 under the threshold. */
  async recordFailure(key: string, policy: LockoutPolicy): Promise<number> {
    return (await this.redis().eval(
      FAIL,
      2,
      unissonKey(this.config, 'limits', 'failures', key),
      unissonKey(this.config, 'limits', 'lock', key),
      String(policy.windowMs),
      String(policy.threshold),
      String(policy.baseLockMs),
      String(policy.maxLockMs),
    )) as number;
  }

  async recordSuccess(key: string): Promise<void> {
    await this.redis().del(unissonKey(this.config, 'limits', 'failures', key));
  }

  /** Clears the failures and the lock of `key` (an administrator unlocked it). */
  async forget(key: string): Promise<void> {
    await this.redis().del(unissonKey(this.config, 'limits', 'failures', key));
    await this.redis().del(unissonKey(this.config, 'limits', 'lock', key));
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }

  private redis(): Redis | Cluster {
    // Fail fast while Redis is away (a limit that cannot be checked lets the call through, see the
    // callers), but wait for a connection being made at start.
    if (!this.client) {
      this.client = createRedisClient(this.config, { maxRetriesPerRequest: 0, commandTimeout: 1_000 });
      // Once: a listener added per call grew by one on every request (a leak in a long-running API).
      this.client.on('error', () => undefined);
    }
    return this.client;
  }
}
