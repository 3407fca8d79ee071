/**
 * Groups concurrent writes into one database round trip (a group commit). A single-row commit
 * costs a WAL flush; batching 100 rows costs about the same. Each caller still gets its own
 * result or error.
 */
export interface BatchWriterOptions {
  /** Flush as soon as this many items wait. */
  maxBatch: number;
  /** Flush at the latest this long after the first item arrived. */
  maxDelayMs: number;
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
    this.flushBatch(batch.map((p) => p.item))
      .then((results) => {
        if (results.length !== batch.length) throw new Error('batch flush returned a wrong number of results');
        batch.forEach((p, i) => p.resolve(results[i]));
      })
      .catch((error: unknown) => batch.forEach((p) => p.reject(error)))
      .finally(() => this.inFlight--);
  }
}
