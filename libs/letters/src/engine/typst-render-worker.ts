import { parentPort } from 'node:worker_threads';
import { LetterLayoutError } from './layout-error';
import { TypstPdfEngine } from './typst-pdf-engine';

/**
 * A print-batch worker thread: its own Typst compiler (fonts loaded once), one chunk of letters
 * (the layout's JSON input) at a time, the chunk's PDF sent back without a copy.
 */
export interface ChunkRequest {
  id: number;
  input: string;
}

export type ChunkReply =
  { id: number; ok: true; pdf: ArrayBuffer; pages: number } | { id: number; ok: false; code: LetterLayoutError['code']; message: string };

const engine = new TypstPdfEngine({ batchWorkers: 1 });
parentPort!.on('message', ({ id, input }: ChunkRequest) => {
  try {
    const { pdf, pages } = engine.renderInput(input);
    const copy = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer;
    parentPort!.postMessage({ id, ok: true, pdf: copy, pages } satisfies ChunkReply, [copy]);
  } catch (error) {
    const code = error instanceof LetterLayoutError ? error.code : 'LAYOUT_FAILED';
    parentPort!.postMessage({ id, ok: false, code, message: (error as Error).message } satisfies ChunkReply);
  }
});
