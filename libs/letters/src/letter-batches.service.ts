import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { TemplateLibrary } from '@unisson/templates';
import { manifestCsv, withFirstPages } from './domain/manifest';
import type { PostageClass } from './domain/postage';
import { TypstPdfEngine } from './engine/typst-pdf-engine';
import { layoutLetter } from './letter-composition';
import { LetterOutcomes } from './letter-outcomes';
import { PrintStageRepository } from './print-stage.repository';
import { LetterProvider } from './providers/letter-provider';

export type BatchRun = { status: 'nothing-to-print' } | { status: 'submitted'; batchId: string; letters: number; pages: number };

/** Writes a file whole or not at all: a killed worker leaves no half PDF behind. */
async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
}

/**
 * One sender's print batch of one day, in steps that each survive a crash: letters claimed in one
 * transaction (a letter is in one batch only); the merged PDF and manifest written (again, same
 * content, if the worker died); handed to the provider, idempotent by batch id (never printed
 * twice); then recorded, and messaging told.
 */
@Injectable()
export class LetterBatches {
  private readonly logger = new Logger('LetterBatches');

  constructor(
    private readonly stage: PrintStageRepository,
    private readonly provider: LetterProvider,
    private readonly outcomes: LetterOutcomes,
    private readonly library: TemplateLibrary,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(senderPartnerId: string, printDay: string): Promise<BatchRun> {
    const batch = await this.stage.openBatch(senderPartnerId, printDay);
    if (!batch) return { status: 'nothing-to-print' };
    const letters = withFirstPages(await this.stage.lettersOf(batch.id));
    const folder = resolve(this.config.letters.dir, 'batches', batch.printDay, batch.senderPartnerId);
    const pdfPath = join(folder, `${batch.id}.pdf`);
    const manifestPath = join(folder, `${batch.id}.csv`);
    const rows = letters.map((l) => ({
      trackingCode: l.trackingCodeDisplay,
      firstPage: l.firstPage,
      pages: l.pages,
      postageClass: l.postageClass as PostageClass,
      addressLines: l.addressLines,
    }));
    if (batch.status === 'assembling') {
      await mkdir(folder, { recursive: true });
      const printed = await TypstPdfEngine.instance().renderBatch(
        letters.map((l) =>
          layoutLetter(this.library, {
            trackingCode: l.trackingCodeDisplay,
            responseUrl: l.addressee === 'landlord' ? null : l.responseUrl,
            locale: l.locale,
            bodyHtml: l.bodyHtml,
            addressLines: l.addressLines,
            signers: l.signers,
            phone: l.phone,
            printedOn: batch.printDay,
          }),
        ),
        `Courriers du ${batch.printDay}`,
        // Every address was checked against the window when its letter was staged (countPages).
        { checked: true },
      );
      if (printed.pages !== letters.reduce((sum, l) => sum + l.pages, 0))
        throw new Error(`batch ${batch.id}: ${printed.pages} pages printed, the letters counted ${batch.pageCount}: not handed over`);
      await writeAtomically(pdfPath, printed.pdf);
      await writeAtomically(manifestPath, manifestCsv(rows));
      await this.stage.markProduced(batch.id, { pdfPath, manifestPath });
    }
    const submitted = await this.provider.submit({
      batchId: batch.id,
      senderPartnerId,
      printDay: batch.printDay,
      pdfPath,
      manifestPath,
      letters: rows,
    });
    const posted = await this.stage.markSubmitted(batch.id, this.provider.name, submitted.ref, submitted.letterIds);
    if (posted.length) await this.outcomes.posted(posted);
    this.logger.log({ batchId: batch.id, letters: letters.length, provider: this.provider.name }, 'print batch handed over');
    return { status: 'submitted', batchId: batch.id, letters: letters.length, pages: letters.reduce((s, l) => s + l.pages, 0) };
  }
}
