import { Injectable, Logger } from '@nestjs/common';
import { ChannelError, Throttle } from '@unisson/channels';
import { describeError, RedisRateLimiter } from '@unisson/platform';
import { CircuitBreaker, CircuitPermit } from '../domain/circuit-breaker';

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
export class ProviderGuard {
  private readonly logger = new Logger('ProviderGuard');
  private readonly breakers = new Map<string, CircuitBreaker>();
  private paceUnknown = false;
  /** Units reserved in Redis ahead, per bucket, spent locally until they expire (fast buckets only). */
  private readonly reserved = new Map<string, { units: number; until: number }>();

  constructor(private readonly limiter: RedisRateLimiter) {}

  /**
   * Reserves the message's place in its provider's bucket: wait `waitMs` then send, or (not
   * granted, nothing reserved) come back later. Redis unreachable: the message goes, and the
   * provider's own limit (429) paces it.
   */
  async reserve(throttle: Throttle, maxWaitMs: number): Promise<{ granted: boolean; waitMs: number }> {
    // A fast bucket (hundreds of units a second) is reserved 50 ms at a time: one Redis call per
    // chunk instead of one per message. Slow buckets (Twilio's 10 parts/s) go unit by unit.
    const chunk = Math.floor(throttle.perSecond / 20);
    const local = this.reserved.get(throttle.key);
    if (local && local.until > Date.now() && local.units >= throttle.cost) {
      local.units -= throttle.cost;
      return { granted: true, waitMs: 0 };
    }
    const cost = chunk > throttle.cost ? chunk : throttle.cost;
    try {
      const pace = await this.limiter.reserve(`pace:${throttle.key}`, { perSecond: throttle.perSecond, cost, maxWaitMs });
      this.paceUnknown = false;
      if (pace.granted && cost > throttle.cost)
        this.reserved.set(throttle.key, { units: cost - throttle.cost, until: Date.now() + pace.waitMs + 50 });
      return pace;
    } catch (error) {
      if (!this.paceUnknown) this.logger.warn({ err: describeError(error) }, 'provider pace unknown (Redis): sending unpaced');
      this.paceUnknown = true;
      return { granted: true, waitMs: 0 };
    }
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

  private breaker(channel: string): CircuitBreaker {
    let breaker = this.breakers.get(channel);
    if (!breaker) {
      breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 5_000, maxCooldownMs: 5 * 60_000 });
      this.breakers.set(channel, breaker);
    }
    return breaker;
  }
}
