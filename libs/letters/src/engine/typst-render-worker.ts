import { parentPort } from 'node:worker_threads';
import { LetterLayoutError } from './layout-error';
import { TypstPdfEngine } from './typst-pdf-engine';

/**
 * A Typst worker thread: its own compiler (fonts loaded once), one request at a time. `print`:
 * a chunk of a print batch (the layout's JSON input) to PDF, sent back without a copy. `count`:
 * a letter entering the print stage, laid out with its address checked against the window, its
 * pages counted, nothing written.
 */
export interface WorkerRequest {
  id: number;
  kind: 'print' | 'count';
  input: string;
}

export type WorkerReply =
  | { id: number; ok: true; pdf: ArrayBuffer | null; pages: number }
  | { id: number; ok: false; code: LetterLayoutError['code']; message: string };

const engine = new TypstPdfEngine({ batchWorkers: 1 });
parentPort!.on('message', ({ id, kind, input }: WorkerRequest) => {
  try {
    if (kind === 'count') {
      parentPort!.postMessage({ id, ok: true, pdf: null, pages: engine.countInput(input) } satisfies WorkerReply);
      return;
    }
    const { pdf, pages } = engine.renderInput(input);
    const copy = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer;
    parentPort!.postMessage({ id, ok: true, pdf: copy, pages } satisfies WorkerReply, [copy]);
  } catch (error) {
    const code = error instanceof LetterLayoutError ? error.code : 'LAYOUT_FAILED';
    parentPort!.postMessage({ id, ok: false, code, message: (error as Error).message } satisfies WorkerReply);
  }
});
