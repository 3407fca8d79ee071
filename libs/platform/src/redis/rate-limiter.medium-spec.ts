import 'reflect-metadata';
import { loadConfig } from '@unisson/config';
import { isolatedQueuePrefix } from '../../../../test/support/isolated-database';
import { RedisRateLimiter } from './rate-limiter';

const policy = { threshold: 3, windowMs: 60_000, baseLockMs: 1_000, maxLockMs: 60_000 };

describe('RedisRateLimiter (real Redis)', () => {
  const limiter = new RedisRateLimiter(loadConfig({ QUEUE_PREFIX: isolatedQueuePrefix('rate-limiter') }));
  /** The limiter's Redis connection (private): its listeners are what leaked. */
  const connection = () => (limiter as unknown as { client: { listenerCount(event: string): number } }).client;

  afterAll(() => limiter.onModuleDestroy());

  it('locks a key from the threshold on, and answers 2,000 checks without its connection growing a listener each', async () => {
    for (let i = 0; i < 2_000; i++) expect(await limiter.lockedFor(`key-free`)).toBe(0);
    expect(await limiter.recordFailure('key-a', policy)).toBe(0);
    expect(await limiter.recordFailure('key-a', policy)).toBe(0);
    const lock = await limiter.recordFailure('key-a', policy);
    expect(lock).toBe(1_000);
    expect(await limiter.lockedFor('key-a')).toBeGreaterThan(0);
    await limiter.recordSuccess('key-b');
    // One error listener added per call was a leak of one per API request (and Node's
    // MaxListenersExceededWarning in the console from the eleventh on).
    expect(connection().listenerCount('error')).toBeLessThanOrEqual(2);
  });
});
