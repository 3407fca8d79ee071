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

  it('fails every caller of a failed batch, and only them', async () => {
    let call = 0;
    const writer = new BatchWriter<number, number>(
      async (items) => {
        call++;
        if (call === 1) throw new Error('database unavailable');
        return items;
      },
      { maxBatch: 2, maxDelayMs: 1 },
    );
    const first = Promise.allSettled([writer.write(1), writer.write(2)]);
    const second = writer.write(3);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(second).resolves.toBe(3);
  });
});
