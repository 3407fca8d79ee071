import { LetterLayoutError } from './layout-error';
import { TypstPdfEngine } from './typst-pdf-engine';

/**
 * A Typst worker process: its own compiler (fonts loaded once), one request at a time. `print`:
 * a chunk of a print batch (the layout's JSON input) to PDF. `count`: a letter entering the
 * print stage, laid out with its address checked against the window, its pages counted,
 * nothing written. A process, not a thread: Typst keeps memory for every document it compiled,
 * which only the end of the process gives back (decision 0027), so the pool replaces it now and
 * then. It ends with its parent (the IPC channel closes).
 */
export interface WorkerRequest {
  id: number;
  kind: 'print' | 'count';
  input: string;
}

type Outcome =
  | { id: number; ok: true; pdf: Uint8Array | null; pages: number }
  | { id: number; ok: false; code: LetterLayoutError['code']; message: string };

/** `cpuMs`: the worker's CPU time so far (what the benchmark counts beside its own). */
export type WorkerReply = Outcome & { cpuMs: number };

const engine = new TypstPdfEngine({ batchWorkers: 1 });
const reply = (message: Outcome) => {
  const { user, system } = process.cpuUsage();
  process.send!({ ...message, cpuMs: (user + system) / 1000 });
};
process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, kind, input }: WorkerRequest) => {
  try {
    if (kind === 'count') {
      reply({ id, ok: true, pdf: null, pages: engine.countInput(input) });
      return;
    }
    const { pdf, pages } = engine.renderInput(input);
    reply({ id, ok: true, pdf, pages });
  } catch (error) {
    const code = error instanceof LetterLayoutError ? error.code : 'LAYOUT_FAILED';
    reply({ id, ok: false, code, message: (error as Error).message });
  }
});
