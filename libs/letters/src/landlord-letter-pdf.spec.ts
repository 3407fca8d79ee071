import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeLandlordLetter, loadLandlordLetters, TemplateLibrary } from '@unisson/templates';
import { addressBlock } from './domain/address-block';
import { TypstPdfEngine } from './engine/typst-pdf-engine';
import { layoutLetter } from './letter-composition';

/** The letter to the household's private landlord, printed: the landlord's address, the team's words, no response link nor QR code. */
const library = TemplateLibrary.load();
const dir = mkdtempSync(join(tmpdir(), 'landlord-letters-'));
const letter = loadLandlordLetters().find((l) => l.key === 'courrier_bailleur_prive')!;

function print(responseUrl: string | null): { text: string; images: number } {
  const address = addressBlock({ name: 'M. Jean Lefèvre', street: '8, avenue de la République', postalCode: '91300', city: 'Massy' });
  if (!address.ok) throw new Error('address');
  const composed = composeLandlordLetter(letter, letter.sample, 'Équipe mobile de l’Essonne');
  const { pdf } = TypstPdfEngine.instance().renderLetter(
    layoutLetter(library, {
      trackingCode: 'K7QM-2D9X-4',
      responseUrl,
      locale: composed.locale,
      bodyHtml: composed.html,
      addressLines: address.lines,
      signers: [{ name: 'Équipe mobile de l’Essonne' }, { name: 'ADIL de l’Essonne' }],
      phone: '+33160000000',
      printedOn: '2026-12-02',
    }),
  );
  const file = join(dir, `${responseUrl ? 'with' : 'without'}-link.pdf`);
  writeFileSync(file, pdf);
  const images = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').length - 2;
  return { text: execFileSync('pdftotext', ['-layout', file, '-']).toString(), images };
}

afterAll(() => TypstPdfEngine.instance().close());

describe('the printed letter to the private landlord', () => {
  it('is addressed to the landlord and says the team’s words: the tenant, the hearing, the aids, the number to call', () => {
    const { text } = print(null);
    for (const expected of [
      'M. Jean Lefèvre',
      '8 AVENUE DE LA REPUBLIQUE',
      '91300 MASSY',
      'Votre locataire Mme Awa Diallo',
      '15 mars 2027',
      'Fonds de solidarité pour le logement',
      'Ce que nous vous proposons',
      '01 60 00 00 00',
      'ADIL de l’Essonne',
      // The code a returned letter is recorded by.
      'Code de suivi K7QM-2D9X-4',
    ])
      expect(text).toContain(expected);
  });

  it('carries no response link and no QR code (the same layout with a link shows both)', () => {
    const without = print(null);
    const withLink = print('https://unisson.example.fr/r/abc');
    expect(withLink.text).toContain('https://unisson.example.fr/r/abc');
    expect(withLink.text).toContain('Répondez-nous');
    expect(withLink.images).toBeGreaterThan(without.images);
    expect(without.images).toBe(0);
    for (const household of ['https://', '/r/', 'Répondez-nous', 'Scannez ce code', 'Votre code de suivi'])
      expect(without.text).not.toContain(household);
  });
});
