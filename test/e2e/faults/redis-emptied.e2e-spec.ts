import Redis from 'ioredis';
import { deliveryCounts, tally } from '../../support/dispatch-workload';
import { FaultBed, sendThroughWorker, startFaultBed } from '../../support/fault-bed';
import { whileProgressing } from '../../support/free-port';
import { OwnRedis, startOwnRedis } from '../../support/processes';

// Bounded by progress (see whileProgressing), not by a guess of how loaded the machine is.
jest.setTimeout(15 * 60_000);

/**
 * Fault: Redis (the test's own) is emptied with FLUSHALL while the worker sends 1,000 messages,
 * twice, the worker connected all along: queued jobs, job locks, schedulers and provider paces
 * vanish under it. PostgreSQL is the truth: every message still goes out, once.
 */
describe('Redis emptied while the worker is connected', () => {
  let bed: FaultBed;
  let redis: OwnRedis;
  let admin: Redis;
  beforeAll(async () => {
    [bed, redis] = await Promise.all([startFaultBed('redis_flush'), startOwnRedis()]);
    admin = new Redis(redis.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    admin?.disconnect();
    await bed?.stop();
    await redis?.stop();
  });

  it('delivers each of 1,000 messages exactly once after two FLUSHALLs mid-run', async () => {
    const { messages, worker, delivered, progress, untilEverySent } = await sendThroughWorker(bed, bed.env(redis.url), 1_000);
    const flushedAt: number[] = [];
    for (const threshold of [150, 400]) {
      await whileProgressing(async () => (delivered() >= threshold ? true : undefined), progress, `${threshold} sent`);
      await admin.flushall();
      flushedAt.push(delivered());
    }

    await untilEverySent();
    const result = tally(deliveryCounts(bed.sandbox, messages));
    process.stdout.write(`Redis emptied (FLUSHALL) at ${flushedAt.join(' and ')} of 1000 delivered; after: ${JSON.stringify(result)}\n`);
    expect(flushedAt[1]).toBeLessThan(messages.length);
    expect(result).toEqual({ messages: 1_000, deliveredOnce: 1_000, missing: 0, duplicated: 0 });
    expect(worker.child.exitCode).toBeNull();
  });
});
