import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { NodeCompiler, type NodeTypstDocument } from '@myriaddreamin/typst-ts-node-compiler';
import type { TypstLetter } from '../domain/letter-document';
import { typstInput } from '../domain/letter-document';
import { A4_LETTER, type PageGeometry } from '../domain/page-geometry';
import { loadLetterFonts } from './fonts';
import { LetterLayoutError } from './layout-error';
import { joinTypstPdfs } from './pdf-join';
import { TypstWorkerPool } from './typst-worker-pool';

export { LetterLayoutError } from './layout-error';

const MAIN = join(__dirname, 'letter.typ');
/**
 * The layout's input, handed over as a file the compiler alone sees (letter.typ reads
 * `/letters.json`) rather than as `sys.inputs`: new inputs rebuild Typst's standard library and
 * invalidate its caches, about 1 ms of every compilation (decision 0027).
 */
const DATA = join(__dirname, 'letters.json');
/** Untagged (smaller, faster), and dated by the batch rather than by the clock: the same batch gives the same file. */
const PDF_OPTIONS = { creationTimestamp: 0, pdfTags: false };

export interface RenderedLetter {
  pdf: Buffer;
  pages: number;
}

/** Letters per Typst compilation of a print batch: bounds the memory of a batch of any size. */
const BATCH_CHUNK = 250;
/** Below this, a chunk is not worth a worker's round trip. */
const MIN_CHUNK = 20;

export interface TypstPdfEngineOptions {
  geometry?: PageGeometry;
  /**
   * Worker processes laying out a batch's chunks side by side (1: all in this thread). Default:
   * the machine's cores, at most 4.
   */
  batchWorkers?: number;
}

/**
 * Letters to PDF with Typst (HarfBuzz-grade shaping, Unicode bidi): the fonts are loaded once per
 * process and the layout is compiled once, then cached; each call lays out one letter or a whole
 * batch (one merged PDF, fonts embedded and subset). Chosen by measurement: docs/decisions/0013,
 * made fast enough in 0022.
 */
export class TypstPdfEngine {
  private static shared: TypstPdfEngine | null = null;
  readonly geometry: PageGeometry;
  private readonly compiler: NodeCompiler;
  private readonly pool: TypstWorkerPool | null;
  private compilations = 0;

  constructor(options: TypstPdfEngineOptions = {}) {
    this.geometry = options.geometry ?? A4_LETTER;
    this.compiler = NodeCompiler.create({ workspace: __dirname, fontArgs: [{ fontBlobs: loadLetterFonts() }] });
    this.compiler.addSource(MAIN, readFileSync(MAIN, 'utf8'));
    const workers = options.batchWorkers ?? Math.min(availableParallelism(), 4);
    this.pool = workers > 1 ? new TypstWorkerPool(workers) : null;
  }

  /** The process's engine (fonts take about a second to load). */
  static instance(): TypstPdfEngine {
    return (TypstPdfEngine.shared ??= new TypstPdfEngine());
  }

  /** One letter: its PDF and its number of pages (what the print manifest counts). */
  renderLetter(letter: TypstLetter): RenderedLetter {
    return this.renderInput(typstInput(this.geometry, letter.title, [letter]));
  }

  /** The pages one letter will take, laid out but not written, its address checked against the window. */
  countPages(letter: TypstLetter): number {
    return this.countInput(typstInput(this.geometry, letter.title, [letter]));
  }

  /**
   * `countPages` as the print stage runs it: in a worker process, so that the letters a dispatch
   * worker stages side by side are laid out on every core and its own thread stays free
   * (decision 0027). On this thread when the engine has no workers.
   */
  async countPagesOnWorker(letter: TypstLetter): Promise<number> {
    const input = typstInput(this.geometry, letter.title, [letter]);
    return this.pool ? this.pool.count(input) : this.countInput(input);
  }

  /** The layout's JSON input (`typstInput`) to its number of pages: what a worker does with a letter to stage. */
  countInput(input: string): number {
    return this.compile(input).numOfPages;
  }

  /** The layout's JSON input (`typstInput`) to PDF: what a batch worker does with its chunk. */
  renderInput(input: string): RenderedLetter {
    const document = this.compile(input);
    return { pdf: this.compiler.pdf(document, PDF_OPTIONS), pages: document.numOfPages };
  }

  /**
   * A print batch as one merged PDF, letter after letter (each starts on a new sheet). Laid out
   * a chunk of letters at a time (fonts embedded once per chunk), the chunks side by side in the
   * worker processes, then joined. `checked`: the letters' addresses were checked against the
   * envelope's window when they entered the print stage (`countPages`), not again.
   * `onProgress`: the letters laid out so far, after each chunk (a long batch shows progress).
   */
  async renderBatch(
    letters: TypstLetter[],
    title: string,
    { checked = false, onProgress }: { checked?: boolean; onProgress?: (lettersLaidOut: number) => void } = {},
  ): Promise<RenderedLetter> {
    if (letters.length === 0) throw new LetterLayoutError('LAYOUT_FAILED', 'nothing to print');
    const workers = this.pool?.size ?? 1;
    const chunk = Math.max(MIN_CHUNK, Math.min(BATCH_CHUNK, Math.ceil(letters.length / workers)));
    const inputs: string[] = [];
    for (let i = 0; i < letters.length; i += chunk) inputs.push(typstInput(this.geometry, title, letters.slice(i, i + chunk), !checked));
    const pool = this.pool;
    let laidOut = 0;
    const done = (part: RenderedLetter, index: number) => {
      laidOut += Math.min(chunk, letters.length - index * chunk);
      onProgress?.(laidOut);
      return part;
    };
    const parts =
      pool && inputs.length > 1
        ? await Promise.all(inputs.map(async (input, i) => done(await pool.render(input, Math.min(chunk, letters.length - i * chunk)), i)))
        : inputs.map((input, i) => done(this.renderInput(input), i));
    return parts.length === 1
      ? parts[0]
      : joinTypstPdfs(
          parts.map((p) => p.pdf),
          title,
        );
  }

  /** CPU time spent by the worker processes so far, in ms (the benchmark counts it with its own). */
  workersCpuMs(): number {
    return this.pool?.cpuMs() ?? 0;
  }

  /** Stops the batch workers (tests, CLIs that want to exit at once). */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private compile(input: string): NodeTypstDocument {
    this.compiler.mapShadow(DATA, Buffer.from(input));
    const compiled = this.compiler.compile({ mainFilePath: MAIN });
    const document = compiled.result;
    if (++this.compilations % 500 === 0) this.compiler.evictCache(30);
    if (!document || compiled.hasError()) {
      const diagnostics = (compiled.takeError()?.shortDiagnostics ?? []) as Array<{ message: string }>;
      const error = diagnostics.map((d) => d.message).join('; ') || 'unknown';
      if (error.includes('address-overflow'))
        throw new LetterLayoutError('ADDRESS_OVERFLOW', "l'adresse ne tient pas dans la fenêtre de l'enveloppe");
      throw new LetterLayoutError('LAYOUT_FAILED', `la mise en page a échoué : ${error}`);
    }
    return document;
  }

  /** The engine alone: a constant page, for the benchmark's baseline. */
  renderConstantPage(): Buffer {
    return this.compiler.pdf({ mainFileContent: '#set page(paper: "a4")\n#set text(font: "Unisson Latin")\nMadame, Monsieur,' });
  }
}
