import { BatchWriter } from './batch-writer';

describe('BatchWriter', () => {
  it('answers each caller with its own result while writing concurrent items together', async () => {
    const batches: number[][] = [];
    const writer = new BatchWriter<number, string>(
      async (items) => {
        batches.push(items);
        return items.map((i) => `row-${i}`);
      },
      { maxBatch: 3, maxDelayMs: 50 },
    );
    const results = await Promise.all([1, 2, 3, 4].map((i) => writer.write(i)));
    expect(results).toEqual(['row-1', 'row-2', 'row-3', 'row-4']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a batch that lost its connection, and only them', async () => {
    let call = 0;
    const writer = new BatchWriter<number, number>(
      async (items) => {
        call++;
        if (call === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return items;
      },
      { maxBatch: 2, maxDelayMs: 1 },
    );
    const first = Promise.allSettled([writer.write(1), writer.write(2)]);
    const second = writer.write(3);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(second).resolves.toBe(3);
  });

  it('retries a failed group without its bad row: the other callers succeed', async () => {
    const flushed: number[][] = [];
    const writer = new BatchWriter<number, number>(
      async (items) => {
        flushed.push(items);
        if (items.includes(13)) throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
        return items.map((i) => i * 10);
      },
      { maxBatch: 40, maxDelayMs: 5 },
    );
    const items = Array.from({ length: 40 }, (_, i) => i);
    const settled = await Promise.allSettled(items.map((i) => writer.write(i)));
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(settled[13].status).toBe('rejected');
    expect(settled.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(
      items.filter((i) => i !== 13).map((i) => i * 10),
    );
    // Halving: about log2(40) rounds over the bad row, not 40 single-row writes.
    expect(flushed.length).toBeLessThan(20);
  });
});
