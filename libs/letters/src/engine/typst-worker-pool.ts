import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChunkReply } from './typst-render-worker';
import { LetterLayoutError } from './layout-error';

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The chunk it lays out. */
  chunk: number;
}

interface Pending {
  resolve: (printed: { pdf: Buffer; pages: number }) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that lay out the chunks of a print batch side by side, one Typst compiler each
 * (Typst lays a document out on one core). Started on first use and kept (unref'd: they never
 * hold the process open); a worker that dies fails its chunk and is replaced on the next batch.
 */
export class TypstWorkerPool {
  private workers: Slot[] = [];
  private readonly queue: Array<{ id: number; input: string }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size: number) {}

  render(input: string): Promise<{ pdf: Buffer; pages: number }> {
    this.ensureWorkers();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, input });
      this.pump();
    });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private ensureWorkers(): void {
    while (this.workers.length < this.size) {
      // Source (.ts) under ts-node/swc, or compiled (.js): the worker runs the same way.
      const file = join(__dirname, `typst-render-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
      const worker = new Worker(file, { execArgv: file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
      worker.unref();
      const slot: Slot = { worker, busy: false, chunk: -1 };
      worker.on('message', (reply: ChunkReply) => {
        slot.busy = false;
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (waiting) {
          if (reply.ok) waiting.resolve({ pdf: Buffer.from(reply.pdf), pages: reply.pages });
          else waiting.reject(new LetterLayoutError(reply.code, reply.message));
        }
        this.pump();
      });
      const fail = (error: Error) => {
        this.workers = this.workers.filter((w) => w !== slot);
        const waiting = this.pending.get(slot.chunk);
        this.pending.delete(slot.chunk);
        waiting?.reject(new LetterLayoutError('LAYOUT_FAILED', `la mise en page a échoué (worker) : ${error.message}`));
        if (this.queue.length) {
          this.ensureWorkers();
          this.pump();
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.workers.includes(slot)) fail(new Error(`exited with code ${code}`));
      });
      this.workers.push(slot);
    }
  }

  private pump(): void {
    for (const slot of this.workers) {
      if (slot.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = true;
      slot.chunk = next.id;
      slot.worker.ref();
      slot.worker.postMessage(next);
    }
    for (const slot of this.workers) if (!slot.busy) slot.worker.unref();
  }
}
