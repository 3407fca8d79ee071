import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerReply, WorkerRequest } from './typst-render-worker';
import { LetterLayoutError } from './layout-error';

interface Slot {
  child: ChildProcess;
  busy: boolean;
  /** The request it works on. */
  request: number;
  /** Letters laid out so far: the process is replaced past `recycleAfter`. */
  letters: number;
  /** Its CPU time so far, as it last said. */
  cpuMs: number;
}

interface Pending {
  letters: number;
  resolve: (reply: { pdf: Buffer | null; pages: number }) => void;
  reject: (error: Error) => void;
}

/** Letters a worker process lays out before it is replaced (Typst's memory grows with each: decision 0027). */
export const WORKER_RECYCLE_AFTER_LETTERS = 2000;

/**
 * Worker processes, one Typst compiler each (Typst lays a document out on one core): the chunks
 * of a print batch side by side, and the letters entering the print stage, each laid out alone,
 * ahead of any chunk waiting (a letter's staging is short, a chunk takes a second). Started on
 * first use and kept (unref'd: they never hold the process open). Processes rather than threads:
 * Typst keeps some memory of every document it compiled, and only a process's end gives it back,
 * so a worker that has laid out `recycleAfter` letters is replaced once idle. A worker that dies
 * fails its request with ENGINE_UNAVAILABLE (worth a retry) and is replaced.
 */
export class TypstWorkerPool {
  private workers: Slot[] = [];
  private readonly counts: Array<WorkerRequest & { letters: number }> = [];
  private readonly prints: Array<WorkerRequest & { letters: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private retiredCpuMs = 0;

  constructor(
    readonly size: number,
    private readonly recycleAfter = WORKER_RECYCLE_AFTER_LETTERS,
  ) {}

  /** A chunk of a print batch (`letters` of them) to PDF. */
  async render(input: string, letters = 1): Promise<{ pdf: Buffer; pages: number }> {
    const { pdf, pages } = await this.submit('print', input, letters);
    return { pdf: pdf!, pages };
  }

  async count(input: string): Promise<number> {
    return (await this.submit('count', input, 1)).pages;
  }

  /** CPU time of the workers so far, those replaced included (the benchmark adds it to its own). */
  cpuMs(): number {
    return this.workers.reduce((sum, w) => sum + w.cpuMs, this.retiredCpuMs);
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => stop(w.child)));
  }

  private submit(kind: WorkerRequest['kind'], input: string, letters: number): Promise<{ pdf: Buffer | null; pages: number }> {
    this.ensureWorkers();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { letters, resolve, reject });
      (kind === 'count' ? this.counts : this.prints).push({ id, kind, input, letters });
      this.pump();
    });
  }

  private ensureWorkers(): void {
    while (this.workers.length < this.size) {
      // Source (.ts) under ts-node/swc, or compiled (.js): the worker runs the same way.
      const file = join(__dirname, `typst-render-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
      const child = fork(file, [], {
        execArgv: file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const slot: Slot = { child, busy: false, request: -1, letters: 0, cpuMs: 0 };
      idle(child);
      child.on('message', (reply: WorkerReply) => {
        slot.busy = false;
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        slot.letters += waiting?.letters ?? 1;
        slot.cpuMs = reply.cpuMs;
        if (waiting) {
          if (reply.ok)
            waiting.resolve({
              pdf: reply.pdf ? Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength) : null,
              pages: reply.pages,
            });
          else waiting.reject(new LetterLayoutError(reply.code, reply.message));
        }
        if (slot.letters >= this.recycleAfter) {
          this.workers = this.workers.filter((w) => w !== slot);
          this.retiredCpuMs += slot.cpuMs;
          void stop(child);
          if (this.counts.length || this.prints.length) this.ensureWorkers();
        }
        this.pump();
      });
      const fail = (error: Error) => {
        if (!this.workers.includes(slot)) return;
        this.workers = this.workers.filter((w) => w !== slot);
        this.retiredCpuMs += slot.cpuMs;
        const waiting = slot.busy ? this.pending.get(slot.request) : undefined;
        this.pending.delete(slot.request);
        waiting?.reject(new LetterLayoutError('ENGINE_UNAVAILABLE', `la mise en page a échoué (worker) : ${error.message}`));
        if (this.counts.length || this.prints.length) {
          this.ensureWorkers();
          this.pump();
        }
      };
      child.on('error', fail);
      child.on('exit', (code, signal) => fail(new Error(`exited with ${signal ?? `code ${code}`}`)));
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
      busy(slot.child);
      slot.child.send({ id: next.id, kind: next.kind, input: next.input } satisfies WorkerRequest);
    }
    for (const slot of this.workers) if (!slot.busy) idle(slot.child);
  }
}

/** A worker at work holds the process open; an idle one does not. */
function busy(child: ChildProcess): void {
  child.ref();
  child.channel?.ref();
}

function idle(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
}

/** Ends a worker (it exits when its channel closes; killed if it has not within a second). */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Held until it has exited: whoever awaits the stop sees it done.
    child.ref();
    const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
    timer.unref();
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGKILL');
  });
}
