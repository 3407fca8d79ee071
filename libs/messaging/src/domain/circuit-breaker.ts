/**
 * A circuit breaker per provider, pure (the caller gives the time). Closed: every call goes.
 * After `failureThreshold` outage failures in a row it opens: no call for `cooldownMs`, then one
 * trial call; a failed trial doubles the cooldown (up to `maxCooldownMs`), a success closes it.
 */
export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

export type CircuitPermit = { allowed: true; trial: boolean } | { allowed: false; until: number };

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openUntil = 0;
  private cooldown: number;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.cooldown = options.cooldownMs;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.consecutiveFailures < this.options.failureThreshold) return 'closed';
    return this.trialInFlight ? 'half-open' : 'open';
  }

  permit(now: number): CircuitPermit {
    if (this.consecutiveFailures < this.options.failureThreshold) return { allowed: true, trial: false };
    if (now < this.openUntil) return { allowed: false, until: this.openUntil };
    // One trial at a time: the others wait for its answer.
    if (this.trialInFlight) return { allowed: false, until: now + 1_000 };
    this.trialInFlight = true;
    return { allowed: true, trial: true };
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    this.cooldown = this.options.cooldownMs;
  }

  /** An outage failure (not a refusal of this one message). Returns true when this failure opened the circuit. */
  recordFailure(now: number): boolean {
    const wasClosed = this.consecutiveFailures < this.options.failureThreshold;
    if (this.trialInFlight) this.cooldown = Math.min(this.cooldown * 2, this.options.maxCooldownMs);
    this.trialInFlight = false;
    this.consecutiveFailures++;
    if (this.consecutiveFailures >= this.options.failureThreshold) this.openUntil = now + this.cooldown;
    return wasClosed && this.consecutiveFailures >= this.options.failureThreshold;
  }
}
