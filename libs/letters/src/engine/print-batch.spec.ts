import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { TemplateLibrary, type Locale } from '@unisson/templates';
import type { TypstLetter } from '../domain/letter-document';
import { layoutLetter } from '../letter-composition';
import { LetterLayoutError } from './layout-error';
import { joinTypstPdfs, PdfJoinError } from './pdf-join';
import { TypstPdfEngine } from './typst-pdf-engine';

/**
 * A print batch as the printer gets it: chunks laid out on worker threads, joined into one PDF
 * whose pages come in the letters' order, each with its own words and fonts, readable by poppler
 * and by another PDF library.
 */
// Typst lays out 90 letters on two worker threads: seconds on a loaded machine.
jest.setTimeout(60_000);
const library = TemplateLibrary.load();
const dir = mkdtempSync(join(tmpdir(), 'batch-'));
const engine = new TypstPdfEngine({ batchWorkers: 2 });
afterAll(() => engine.close());

const bodies = new Map<Locale, string>();
async function letter(
  locale: Locale,
  code: string,
  addressLines = ['Awa Diallo', '12 RUE DE LA REPUBLIQUE', '93200 SAINT-DENIS'],
): Promise<TypstLetter> {
  if (!bodies.has(locale)) {
    const sample = library.definition('first_arrears_information').sample;
    const rendered = await library.render({ templateKey: 'first_arrears_information', channel: 'letter', locale, variables: sample });
    bodies.set(locale, rendered.html!);
  }
  return layoutLetter(library, {
    trackingCode: code,
    responseUrl: `https://unisson.example.fr/r/${code}`,
    locale,
    bodyHtml: bodies.get(locale)!,
    addressLines,
    signers: [{ name: 'Seine-Saint-Denis Habitat' }],
    phone: '+33148950000',
    printedOn: '2026-12-02',
  });
}

const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).toString();

describe('print batch (merged PDF)', () => {
  it('joins the chunks laid out on the workers, letters in order, every page readable', async () => {
    const locales: Locale[] = ['fr', 'ar', 'fr-falc'];
    const letters: TypstLetter[] = [];
    for (let i = 0; i < 90; i++) letters.push(await letter(locales[i % 3], `B${String(i).padStart(3, '0')}-TEST-${i % 10}`));
    const pagesEach = letters.map((l) => engine.countPages(l));
    const batch = await engine.renderBatch(letters, 'Courriers du 2026-12-02', { checked: true });
    expect(batch.pages).toBe(pagesEach.reduce((a, b) => a + b, 0));
    const file = join(dir, 'batch.pdf');
    writeFileSync(file, batch.pdf);

    const info = execFileSync('pdfinfo', [file], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    expect(info).toMatch(new RegExp(`Pages:\\s+${batch.pages}\\n`));
    expect(info).toContain('Title:           Courriers du 2026-12-02');
    // Each letter's first page carries its own code, in the batch's order (chunks joined in order).
    const firstPage = (i: number) => 1 + pagesEach.slice(0, i).reduce((a, b) => a + b, 0);
    for (const i of [0, 1, 2, 44, 45, 46, 89]) expect(pageText(file, firstPage(i))).toContain(letters[i].code);
    const arabicPage = firstPage(1);
    expect(pageText(file, arabicPage)).toMatch(/[\u0600-\u06ff]/);
    const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.some((f) => f.includes('UnissonArabic'))).toBe(true);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+/);
    const parsed = await PDFDocument.load(batch.pdf);
    expect(parsed.getPageCount()).toBe(batch.pages);
  });

  it('an address too tall for the window, in a batch not yet checked, fails the batch with ADDRESS_OVERFLOW', async () => {
    // Six lines of 38 wide capitals: each wraps in the window, twelve lines do not fit its height.
    const wide = 'WWWWW WWWWW WWWWW WWWWW WWWWW WWWWW WW';
    const tall = [wide, wide, wide, wide, wide, '93200 WWWWW WWWWW WWWWW WWWWW WWWWW W'];
    const letters = [await letter('fr', 'OK01-TEST-1')];
    for (let i = 0; i < 40; i++) letters.push(await letter('fr', `OK${i}-TEST-2`));
    letters.push(await letter('fr', 'KO01-TEST-3', tall));
    expect(() => engine.countPages(letters[letters.length - 1])).toThrow(LetterLayoutError);
    await expect(engine.renderBatch(letters, 'x')).rejects.toMatchObject({ name: 'LetterLayoutError', code: 'ADDRESS_OVERFLOW' });
  });

  it('a word wider than the window (it cannot wrap, it would be cut off) is refused too; a long address of ordinary words is not', async () => {
    const cut = await letter('fr', 'KO02-TEST-4', [
      'M WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
      '12 RUE DE LA REPUBLIQUE',
      '93200 SAINT-DENIS',
    ]);
    expect(() => engine.countPages(cut)).toThrow(expect.objectContaining({ code: 'ADDRESS_OVERFLOW' }));
    const long = await letter('fr', 'OK03-TEST-5', [
      'Marie-Christine de La Tour-Dupont',
      'Résidence Les Jardins de la Vallée',
      'Bâtiment B escalier 3 appartement 42',
      '128 AVENUE DU GENERAL DE GAULLE',
      'BP 42 LIEU DIT LES BRUYERES',
      '91000 EVRY-COURCOURONNES',
    ]);
    expect(engine.countPages(long)).toBeGreaterThan(0);
  });

  it('refuses to join what it does not read, rather than lose part of it', () => {
    const one = engine.renderLetter(layoutSync);
    const withOutline = Buffer.from(one.pdf.toString('latin1').replace('/Type /Catalog', '/Type /Catalog /Outlines 1 0 R'), 'latin1');
    expect(() => joinTypstPdfs([one.pdf, withOutline], 'x')).toThrow(PdfJoinError);
    expect(() => joinTypstPdfs([Buffer.from('%PDF-1.7\nnot a pdf')], 'x')).toThrow(PdfJoinError);
    expect(joinTypstPdfs([one.pdf, one.pdf], 'x').pages).toBe(2 * one.pages);
  });
});

let layoutSync: TypstLetter;
beforeAll(async () => {
  layoutSync = await letter('fr', 'JOIN-TEST-0');
});
