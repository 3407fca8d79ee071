import { Injectable, Logger } from '@nestjs/common';
import { describeError, LockoutPolicy, RedisRateLimiter, UnissonError } from '@unisson/platform';

/** Wrong operator passwords: five in 15 minutes lock the client out, 1 s doubled per further attempt, up to 15 min. */
export const OPERATOR_LOGIN_POLICY: LockoutPolicy = { threshold: 5, windowMs: 15 * 60_000, baseLockMs: 1_000, maxLockMs: 15 * 60_000 };
/** Unknown API keys and forged webhook signatures: twenty in 10 minutes, then the same backoff. */
export const FORGERY_POLICY: LockoutPolicy = { threshold: 20, windowMs: 10 * 60_000, baseLockMs: 1_000, maxLockMs: 15 * 60_000 };

/**
 * Lockout with backoff of a client (by address) that keeps failing a check: wrong passwords,
 * unknown keys, forged signatures. Counted in Redis; when Redis is away the checks still run
 * (without lockout) rather than shutting everyone out.
 */
@Injectable()
export class FailedAttempts {
  private readonly logger = new Logger('FailedAttempts');

  constructor(private readonly limiter: RedisRateLimiter) {}

  /**
   * Throws 429 while the client is locked out of `check`. An attempt made during the lock counts
   * as one more failure: hammering makes the lock longer (1 s, 2 s, 4 s… up to the policy's cap).
   */
  async refuseIfLocked(check: string, client: string, policy: LockoutPolicy): Promise<void> {
    const locked = await this.lockAfterAttempt(check, client, policy);
    if (locked > 0) throw this.tooMany(locked);
  }

  /** Counts a failure; throws 429 when it locks the client out, else returns (the caller answers 401/403). */
  async recordFailure(check: string, client: string, policy: LockoutPolicy): Promise<void> {
    const locked = await this.countFailure(check, client, policy);
    if (locked > 0) throw this.tooMany(locked);
  }

  async recordSuccess(check: string, client: string): Promise<void> {
    await this.limiter.recordSuccess(`${check}:${client}`).catch((error: unknown) => this.unknown(error));
  }

  /** The remaining ms of the client's lock on `check` (0: not locked, or Redis away); the attempt is not counted. */
  async remainingLock(check: string, client: string): Promise<number> {
    return this.limiter.lockedFor(`${check}:${client}`).catch((error: unknown) => this.unknown(error));
  }

  /** As refuseIfLocked, answering the lock (ms, 0 when none) instead of throwing. */
  async lockAfterAttempt(check: string, client: string, policy: LockoutPolicy): Promise<number> {
    const locked = await this.remainingLock(check, client);
    if (locked <= 0) return 0;
    const longer = await this.limiter.recordFailure(`${check}:${client}`, policy).catch((error: unknown) => this.unknown(error));
    return Math.max(locked, longer);
  }

  /** As recordFailure, answering the lock it caused (ms, 0 under the threshold) instead of throwing. */
  async countFailure(check: string, client: string, policy: LockoutPolicy): Promise<number> {
    const locked = await this.limiter.recordFailure(`${check}:${client}`, policy).catch((error: unknown) => this.unknown(error));
    if (locked > 0) this.logger.warn({ check, lockedMs: locked }, 'client locked out after repeated failures');
    return locked;
  }

  /** Clears the client's failures and lock on `check` (an administrator unlocked it). */
  async forget(check: string, client: string): Promise<void> {
    await this.limiter.forget(`${check}:${client}`).catch((error: unknown) => this.unknown(error));
  }

  private tooMany(ms: number): UnissonError {
    return UnissonError.tooManyRequests(
      'TOO_MANY_ATTEMPTS',
      'Trop de tentatives échouées : réessayez après le délai indiqué (Retry-After).',
      ms,
    );
  }

  private unknown(error: unknown): number {
    this.logger.warn({ err: describeError(error) }, 'lockout state unknown (Redis)');
    return 0;
  }
}
