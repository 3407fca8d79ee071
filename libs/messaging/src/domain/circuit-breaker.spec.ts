import { CircuitBreaker } from './circuit-breaker';

const options = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 4_000 };

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and after a success', () => {
    const breaker = new CircuitBreaker(options);
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    expect(breaker.permit(0)).toEqual({ allowed: true, trial: false });
    expect(breaker.state).toBe('closed');
  });

  it('opens after consecutive failures, then lets one trial through after the cooldown', () => {
    const breaker = new CircuitBreaker(options);
    expect([breaker.recordFailure(0), breaker.recordFailure(0), breaker.recordFailure(10)]).toEqual([false, false, true]);
    expect(breaker.permit(500)).toEqual({ allowed: false, until: 1_010 });
    expect(breaker.permit(1_010)).toEqual({ allowed: true, trial: true });
    expect(breaker.permit(1_011).allowed).toBe(false);
    breaker.recordSuccess();
    expect(breaker.permit(1_012)).toEqual({ allowed: true, trial: false });
  });

  it('doubles the cooldown after a failed trial, up to the maximum', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) breaker.recordFailure(0);
    let now = 1_000;
    const cooldowns: number[] = [];
    for (let round = 0; round < 4; round++) {
      expect(breaker.permit(now).allowed).toBe(true);
      breaker.recordFailure(now);
      const permit = breaker.permit(now);
      if (permit.allowed) throw new Error('should be open');
      cooldowns.push(permit.until - now);
      now = permit.until;
    }
    expect(cooldowns).toEqual([2_000, 4_000, 4_000, 4_000]);
  });
});
