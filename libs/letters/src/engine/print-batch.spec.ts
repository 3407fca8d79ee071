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
import { TypstWorkerPool } from './typst-worker-pool';
import { typstInput } from '../domain/letter-document';
import { A4_LETTER } from '../domain/page-geometry';

/**
 * A print batch as the printer gets it: chunks laid out in worker processes, joined into one PDF
 * whose pages come in the letters' order, each with its own words and fonts, readable by poppler
 * and by another PDF library.
 */
// Typst lays out 90 letters in two worker processes: seconds on a loaded machine.
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
    // Every page's footer carries the code of its own letter (a sheet that comes back alone is still found).
    const codes = letters.map((l) => l.code);
    for (const i of [0, 1, 2, 44, 45, 46, 88, 89])
      for (let page = firstPage(i); page < firstPage(i) + pagesEach[i]; page++) {
        const text = pageText(file, page);
        expect(codes.filter((code) => text.includes(code))).toEqual([letters[i].code]);
      }
    expect(Math.max(...pagesEach)).toBeGreaterThan(1);
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

  it('staging on the worker processes counts the same pages and refuses the same addresses as on this thread', async () => {
    const wide = 'WWWWW WWWWW WWWWW WWWWW WWWWW WWWWW WW';
    const letters = [
      await letter('fr', 'ST01-TEST-1'),
      await letter('fr-falc', 'ST02-TEST-2'),
      await letter('ar', 'ST03-TEST-3'),
      await letter('fr', 'ST04-TEST-4', ['M WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW', '93200 SAINT-DENIS']),
      await letter('fr', 'ST05-TEST-5', [wide, wide, wide, wide, wide, '93200 WWWWW WWWWW WWWWW WWWWW WWWWW W']),
    ];
    // Side by side, as a dispatch worker stages them.
    const onWorkers = await Promise.allSettled(letters.map((l) => engine.countPagesOnWorker(l)));
    const here = letters.map((l) => {
      try {
        return { status: 'fulfilled', value: engine.countPages(l) };
      } catch (error) {
        return { status: 'rejected', reason: error };
      }
    });
    expect(onWorkers.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(onWorkers).toEqual(here);
    for (const r of onWorkers.slice(3)) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'ADDRESS_OVERFLOW' } });
  });

  it('a worker process killed while it stages a letter fails that letter with ENGINE_UNAVAILABLE (worth a retry), the next one is laid out', async () => {
    const pool = new TypstWorkerPool(1);
    const workerPids = () => (pool as unknown as { workers: Array<{ child: { pid: number } }> }).workers.map((w) => w.child.pid);
    const input = typstInput(A4_LETTER, 'x', [await letter('fr', 'KILL-TEST-1')]);
    try {
      expect(await pool.count(input)).toBe(engine.countPages(await letter('fr', 'KILL-TEST-1')));
      const staging = pool.count(typstInput(A4_LETTER, 'x', [await letter('ar', 'KILL-TEST-2')]));
      const [killed] = workerPids();
      process.kill(killed, 'SIGKILL');
      await expect(staging).rejects.toMatchObject({ name: 'LetterLayoutError', code: 'ENGINE_UNAVAILABLE' });
      expect(await pool.count(typstInput(A4_LETTER, 'x', [await letter('ar', 'KILL-TEST-3')]))).toBeGreaterThan(0);
      expect(workerPids()).not.toContain(killed);
    } finally {
      await pool.close();
    }
  });

  it('a worker process is replaced after its share of letters, and the letters after it are laid out the same', async () => {
    const pool = new TypstWorkerPool(1, 3);
    const workerPids = () => (pool as unknown as { workers: Array<{ child: { pid: number } }> }).workers.map((w) => w.child.pid);
    try {
      const letters = await Promise.all([1, 2, 3, 4, 5].map((i) => letter(i % 2 ? 'ar' : 'fr-falc', `RCY${i}-TEST-${i}`)));
      const pids: Array<number | undefined> = [];
      const pages: number[] = [];
      for (const l of letters) {
        pages.push(await pool.count(typstInput(A4_LETTER, 'x', [l])));
        pids.push(workerPids()[0]);
      }
      expect(pages).toEqual(letters.map((l) => engine.countPages(l)));
      // The first process lays out three letters, then leaves; the fourth letter starts another.
      expect(pids[0]).toBeDefined();
      expect(pids[1]).toBe(pids[0]);
      expect(pids[2]).toBeUndefined();
      expect(pids[3]).toBeDefined();
      expect(pids[3]).not.toBe(pids[0]);
      expect(pids[4]).toBe(pids[3]);
      await pool.close();
      // Closed: every worker process has exited (none left behind by a CLI or a test).
      for (const pid of new Set(pids.filter((p) => p !== undefined))) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await pool.close();
    }
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
