import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { ChannelError, Throttle } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { createRedisClient, unissonKey } from '@unisson/queues';
import { CircuitBreaker, CircuitPermit } from '../domain/circuit-breaker';

/**
 * GCRA over one Redis key per bucket, shared by every worker: each message reserves `cost`
 * units (SMS parts) at `perSecond`, with one second of burst. Answers how long to wait; refuses
 * (reserving nothing) when the wait would exceed `maxWait`.
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

/** An outage of the provider, as opposed to a refusal of one message or a rate limit. */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof ChannelError)) return false;
  return error.retryable && error.status !== 429 && error.code !== '20429';
}

/**
 * What stands between dispatch and a provider: its pace (rate limits per provider and sender,
 * in Redis) and its circuit breaker (per process and channel).
 */
@Injectable()
export class ProviderGuard implements OnModuleDestroy {
  private readonly logger = new Logger('ProviderGuard');
  private readonly breakers = new Map<string, CircuitBreaker>();
  private redis: Redis | Cluster | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Reserves the message's place in its bucket: 0 to send now, else ms to wait (nothing reserved when over `maxWaitMs`). */
  async reserve(throttle: Throttle, maxWaitMs: number): Promise<{ granted: boolean; waitMs: number }> {
    this.redis ??= createRedisClient(this.config);
    const interval = 1000 / throttle.perSecond;
    const [granted, waitMs] = (await this.redis.eval(
      RESERVE,
      1,
      unissonKey(this.config, 'pace', throttle.key),
      interval.toFixed(6),
      String(Math.max(1000, interval * throttle.cost)),
      String(throttle.cost),
      String(maxWaitMs),
    )) as [number, number];
    return { granted: granted === 1, waitMs };
  }

  permit(channel: string, now = Date.now()): CircuitPermit {
    return this.breaker(channel).permit(now);
  }

  recordSuccess(channel: string): void {
    const breaker = this.breaker(channel);
    if (breaker.state !== 'closed') this.logger.log({ channel }, 'provider answers again: circuit closed');
    breaker.recordSuccess();
  }

  recordFailure(channel: string, error: unknown, now = Date.now()): void {
    if (!isOutage(error)) {
      this.breaker(channel).recordSuccess();
      return;
    }
    if (this.breaker(channel).recordFailure(now)) {
      this.logger.warn({ channel, code: (error as ChannelError).code }, 'provider outage: circuit open, sends paused');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private breaker(channel: string): CircuitBreaker {
    let breaker = this.breakers.get(channel);
    if (!breaker) {
      breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 5_000, maxCooldownMs: 5 * 60_000 });
      this.breakers.set(channel, breaker);
    }
    return breaker;
  }
}
