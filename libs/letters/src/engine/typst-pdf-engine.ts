import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler, type NodeTypstDocument } from '@myriaddreamin/typst-ts-node-compiler';
import { PDFDocument } from 'pdf-lib';
import type { TypstLetter } from '../domain/letter-document';
import { typstInput } from '../domain/letter-document';
import { A4_LETTER, type PageGeometry } from '../domain/page-geometry';
import { loadLetterFonts } from './fonts';

const MAIN = join(__dirname, 'letter.typ');
/** Untagged (smaller, faster), and dated by the batch rather than by the clock: the same batch gives the same file. */
const PDF_OPTIONS = { creationTimestamp: 0, pdfTags: false };

async function joinPdfs(parts: Buffer[], title: string): Promise<Buffer> {
  const merged = await PDFDocument.create();
  merged.setTitle(title);
  for (const part of parts) {
    const source = await PDFDocument.load(part);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save());
}

export class LetterLayoutError extends Error {
  constructor(
    readonly code: 'ADDRESS_OVERFLOW' | 'LAYOUT_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'LetterLayoutError';
  }
}

export interface RenderedLetter {
  pdf: Buffer;
  pages: number;
}

/** Letters per Typst compilation of a print batch: bounds the memory of a batch of any size. */
const BATCH_CHUNK = 250;

/**
 * Letters to PDF with Typst (HarfBuzz-grade shaping, Unicode bidi): the fonts are loaded once per
 * process and the layout is compiled once, then cached; each call lays out one letter or a whole
 * batch (one merged PDF, fonts embedded and subset). Chosen by measurement: docs/decisions/0013.
 */
export class TypstPdfEngine {
  private static shared: TypstPdfEngine | null = null;
  private readonly compiler: NodeCompiler;
  private compilations = 0;

  constructor(readonly geometry: PageGeometry = A4_LETTER) {
    this.compiler = NodeCompiler.create({ workspace: __dirname, fontArgs: [{ fontBlobs: loadLetterFonts() }] });
    this.compiler.addSource(MAIN, readFileSync(MAIN, 'utf8'));
  }

  /** The process's engine (fonts take about a second to load). */
  static instance(): TypstPdfEngine {
    return (TypstPdfEngine.shared ??= new TypstPdfEngine());
  }

  /** One letter: its PDF and its number of pages (what the print manifest counts). */
  renderLetter(letter: TypstLetter): RenderedLetter {
    const document = this.compile([letter], letter.title);
    return { pdf: this.compiler.pdf(document, PDF_OPTIONS), pages: document.numOfPages };
  }

  /**
   * A print batch as one merged PDF, letter after letter (each starts on a new sheet). Laid out
   * a chunk of letters at a time, fonts embedded once per chunk, the chunks then joined.
   */
  async renderBatch(letters: TypstLetter[], title: string): Promise<{ pdf: Buffer; pages: number }> {
    if (letters.length === 0) throw new LetterLayoutError('LAYOUT_FAILED', 'nothing to print');
    const parts: Buffer[] = [];
    let pages = 0;
    for (let i = 0; i < letters.length; i += BATCH_CHUNK) {
      const document = this.compile(letters.slice(i, i + BATCH_CHUNK), title);
      pages += document.numOfPages;
      parts.push(this.compiler.pdf(document, PDF_OPTIONS));
    }
    return { pdf: parts.length === 1 ? parts[0] : await joinPdfs(parts, title), pages };
  }

  private compile(letters: TypstLetter[], title: string): NodeTypstDocument {
    const compiled = this.compiler.compile({ mainFilePath: MAIN, inputs: { data: typstInput(this.geometry, title, letters) } });
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
