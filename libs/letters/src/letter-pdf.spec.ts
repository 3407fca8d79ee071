import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateLibrary, type Locale } from '@unisson/templates';
import { addressBlock } from './domain/address-block';
import { A4_LETTER, printableZone } from './domain/page-geometry';
import { TypstPdfEngine } from './engine/typst-pdf-engine';
import { layoutLetter } from './letter-composition';

/**
 * The printed letters read back: their text as pdftotext (poppler) extracts it, the position of
 * every word (right-to-left letters keep numbers in order), the fonts (all embedded) and the
 * pixels (nothing outside the printable area).
 */
const library = TemplateLibrary.load();
const engine = TypstPdfEngine.instance();
const dir = mkdtempSync(join(tmpdir(), 'letters-'));
const address = addressBlock({
  name: 'Awa Diallo',
  addressExtra: 'Bât B',
  street: '12, rue de la République',
  postalCode: '93200',
  city: 'Saint-Denis',
});

async function printSample(locale: Locale): Promise<string> {
  const definition = library.definition('first_arrears_information');
  const rendered = await library.render({
    templateKey: 'first_arrears_information',
    channel: 'letter',
    locale,
    variables: definition.sample,
  });
  if (!address.ok) throw new Error('address');
  const { pdf } = engine.renderLetter(
    layoutLetter(library, {
      trackingCode: 'K7QM-2D9X-4',
      responseUrl: 'https://unisson.example.fr/r/abc',
      locale,
      bodyHtml: rendered.html!,
      addressLines: address.lines,
      signers: [{ name: 'Seine-Saint-Denis Habitat' }, { name: 'CAF de la Seine-Saint-Denis' }],
      phone: '+33148950000',
      printedOn: '2026-12-02',
    }),
  );
  const file = join(dir, `${locale}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString();

/** Words of the first page with their left edge and line, from pdftotext's bounding boxes. */
function words(file: string): Array<{ word: string; x: number; y: number }> {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']).toString();
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    word: m[3],
    x: Number(m[1]),
    y: Math.round(Number(m[2])),
  }));
}

describe('printed letters (PDF)', () => {
  it('French: the household, the address, the amount, the number to call, every co-signer and the tracking code', async () => {
    const content = text(await printSample('fr'));
    for (const expected of [
      'Awa Diallo',
      '12 RUE DE LA REPUBLIQUE',
      '93200 SAINT-DENIS',
      '1 234,56 €',
      '01 48 95 00 00',
      'Que devez-vous faire ?',
      'CAF de la Seine-Saint-Denis',
      'K7QM-2D9X-4',
      'https://unisson.example.fr/r/abc',
      'Code de suivi K7QM-2D9X-4',
    ])
      expect(content).toContain(expected);
  });

  it('FALC: its own words, in large type', async () => {
    const file = await printSample('fr-falc');
    expect(text(file)).toContain('Vous devez 1 234,56 € à votre propriétaire.');
    const sizes = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
    const heights = [...sizes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Payez</g)].map((m) => Number(m[2]) - Number(m[1]));
    // 14 pt text: a word box of about 19 pt (ascent + descent); 11 pt text would be about 15.
    expect(heights[0]).toBeGreaterThan(18);
  });

  it('Arabic: shaped text, and numbers kept left-to-right inside right-to-left lines', async () => {
    const file = await printSample('ar');
    expect(text(file)).toContain('Awa Diallo');
    const all = words(file);
    const lineOf = (w: string) => all.filter((x) => x.word === w).map((x) => x.y);
    // Every line that shows the phone number shows its groups from left to right: 01 48 95 00 00.
    const lines = lineOf('01').filter((y) => lineOf('48').includes(y));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const y of lines) {
      const onLine = all.filter((w) => w.y === y);
      const x = (w: string) => onLine.find((o) => o.word === w)!.x;
      expect(x('01')).toBeLessThan(x('48'));
      expect(x('48')).toBeLessThan(x('95'));
    }
    // The national line, written in the template's Arabic text, too.
    const free = lineOf('805')[0];
    const national = all.filter((w) => w.y === free);
    expect(national.find((w) => w.word === '805')!.x).toBeLessThan(national.find((w) => w.word === '16')!.x);
  });

  it('embeds every font it uses', async () => {
    const fonts = execFileSync('pdffonts', [await printSample('ar')])
      .toString()
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+/);
  });

  it('prints nothing outside the printable area (GOV.UK Notify style check on the page image)', async () => {
    const file = await printSample('fr');
    const dpi = 50;
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-1.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    const zone = printableZone(A4_LETTER);
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    let inked = 0;
    let outside = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (pixels[y * width + x] > 200) continue;
        inked++;
        if (x < px(zone.x) || x > px(zone.x + zone.width) || y < px(zone.y) || y > px(zone.y + zone.height)) outside++;
      }
    expect(inked).toBeGreaterThan(1000);
    expect(outside).toBe(0);
  });
});
