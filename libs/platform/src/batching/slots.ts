/**
 * At most `limit` holders at a time per key; the others wait their turn, first come first
 * served. A holder gets a release function: calling it twice releases once.
 */
export class Slots {
  private readonly held = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  async acquire(key: string, limit: number): Promise<() => void> {
    if ((this.held.get(key) ?? 0) >= limit) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    } else {
      this.held.set(key, (this.held.get(key) ?? 0) + 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(key)?.shift();
      // The slot passes straight to the next in line: the count stays as it is.
      if (next) return next();
      this.waiting.delete(key);
      this.held.set(key, (this.held.get(key) ?? 1) - 1);
    };
  }

  /** Holders and waiters of a key (for tests and figures). */
  usage(key: string): { held: number; waiting: number } {
    return { held: this.held.get(key) ?? 0, waiting: this.waiting.get(key)?.length ?? 0 };
  }
}
