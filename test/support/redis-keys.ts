import Redis from 'ioredis';

/**
 * Removes the Redis keys matching `pattern` (SCAN, a few thousand at a time): what a test run or
 * a benchmark left in a shared Redis (finished jobs are kept a day, for queues nobody reads again).
 * Best effort: a Redis that is gone has nothing left to remove.
 */
export async function removeKeysMatching(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5_000);
      if (keys.length) removed += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis gone: nothing to remove there.
  } finally {
    redis.disconnect();
  }
  return removed;
}
