import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './typst-render-worker';
import { LetterLayoutError } from './layout-error';

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The request it works on. */
  request: number;
}

interface Pending {
  resolve: (reply: { pdf: Buffer | null; pages: number }) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads, one Typst compiler each (Typst lays a document out on one core): the chunks of
 * a print batch side by side, and the letters entering the print stage, each laid out alone,
 * ahead of any chunk waiting (a letter's staging is short, a chunk takes a second). Started on
 * first use and kept (unref'd: they never hold the process open); a worker that dies fails its
 * request with ENGINE_UNAVAILABLE (worth a retry) and is replaced.
 */
export class TypstWorkerPool {
  private workers: Slot[] = [];
  private readonly counts: WorkerRequest[] = [];
  private readonly prints: WorkerRequest[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size: number) {}

  async render(input: string): Promise<{ pdf: Buffer; pages: number }> {
    const { pdf, pages } = await this.submit('print', input);
    return { pdf: pdf!, pages };
  }

  async count(input: string): Promise<number> {
    return (await this.submit('count', input)).pages;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private submit(kind: WorkerRequest['kind'], input: string): Promise<{ pdf: Buffer | null; pages: number }> {
    this.ensureWorkers();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (kind === 'count' ? this.counts : this.prints).push({ id, kind, input });
      this.pump();
    });
  }

  private ensureWorkers(): void {
    while (this.workers.length < this.size) {
      // Source (.ts) under ts-node/swc, or compiled (.js): the worker runs the same way.
      const file = join(__dirname, `typst-render-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
      const worker = new Worker(file, { execArgv: file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
      worker.unref();
      const slot: Slot = { worker, busy: false, request: -1 };
      worker.on('message', (reply: WorkerReply) => {
        slot.busy = false;
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (waiting) {
          if (reply.ok) waiting.resolve({ pdf: reply.pdf ? Buffer.from(reply.pdf) : null, pages: reply.pages });
          else waiting.reject(new LetterLayoutError(reply.code, reply.message));
        }
        this.pump();
      });
      const fail = (error: Error) => {
        this.workers = this.workers.filter((w) => w !== slot);
        const waiting = slot.busy ? this.pending.get(slot.request) : undefined;
        this.pending.delete(slot.request);
        waiting?.reject(new LetterLayoutError('ENGINE_UNAVAILABLE', `la mise en page a échoué (worker) : ${error.message}`));
        if (this.counts.length || this.prints.length) {
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
      const next = this.counts.shift() ?? this.prints.shift();
      if (!next) break;
      slot.busy = true;
      slot.request = next.id;
      slot.worker.ref();
      slot.worker.postMessage(next);
    }
    for (const slot of this.workers) if (!slot.busy) slot.worker.unref();
  }
}
