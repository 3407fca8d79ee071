/**
 * Groups concurrent writes into one database round trip (a group commit). A single-row commit
 * costs a WAL flush; batching 100 rows costs about the same. Each caller still gets its own
 * result or error: when a batch fails because of one of its rows (a constraint, a value the
 * database refuses), it is split and retried without that row, so one bad request fails alone.
 */
import { isConnectionError } from '../logging/safe-errors';

export interface BatchWriterOptions {
  /** Flush as soon as this many items wait. */
  maxBatch: number;
  /** Flush at the latest this long after the first item arrived. */
  maxDelayMs: number;
  /**
   * Whether a failed batch may be split to isolate a bad row. Default: unless the error is a
   * lost connection (every row would fail alike).
   */
  isolate?: (error: unknown) => boolean;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class BatchWriter<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly flushBatch: (items: I[]) => Promise<O[]>,
    private readonly options: BatchWriterOptions = { maxBatch: 200, maxDelayMs: 2 },
  ) {}

  write(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Resolves when everything written so far is flushed. */
  async drain(): Promise<void> {
    while (this.queue.length || this.inFlight) {
      if (this.queue.length) this.flush();
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    this.inFlight++;
    void this.settle(batch).finally(() => this.inFlight--);
  }

  /** Writes a batch; on failure, halves it and writes each half, down to the row that fails. */
  private async settle(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await this.flushBatch(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error('batch flush returned a wrong number of results');
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      const isolate = this.options.isolate ?? ((e: unknown) => !isConnectionError(e));
      if (batch.length === 1 || !isolate(error)) {
        batch.forEach((p) => p.reject(error));
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await Promise.all([this.settle(batch.slice(0, half)), this.settle(batch.slice(half))]);
    }
  }
}
