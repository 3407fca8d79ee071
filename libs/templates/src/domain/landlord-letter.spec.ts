import { loadLandlordLetters } from '../library/landlord-letter-source';
import { TemplateLibrary } from '../library/template-library';
import { lintLibrary } from '../lint/library-linter';
import { shippedPurposes } from '../lint/playbook-purposes';
import { checkLandlordCoverage, checkLandlordLetter, renderLandlordLetter, type LandlordLetter } from './landlord-letter';
import { checkReadability } from './falc/rules';

const [letter] = loadLandlordLetters();
const readable = (text: string) => checkReadability(text, 55)?.detail ?? null;
const withText = (section: keyof LandlordLetter['texts']['fr'], text: string): LandlordLetter => ({
  ...letter,
  texts: { fr: { ...letter.texts.fr, [section]: text } },
});

describe('the letter to the private landlord (templates/landlord/)', () => {
  it('is declared French-only and letter-only, and words the Essonne purpose addressed to the landlord', () => {
    expect(letter).toMatchObject({ key: 'courrier_bailleur_prive', addressee: 'landlord', locales: ['fr'], channels: ['letter'] });
    expect(letter.purposes).toEqual(['courrierBailleurPrive']);
    expect(shippedPurposes().find((p) => p.id === 'courrierBailleurPrive')).toMatchObject({ addressee: 'landlord', channels: ['letter'] });
  });

  it('speaks to the landlord of the aids, the mediation and the hearing, with the landlord’s and tenant’s names', () => {
    const { subject, sections } = renderLandlordLetter(letter, letter.sample);
    const text = [subject, ...Object.values(sections)].join('\n');
    for (const words of [
      'FSL',
      'tiers payant de la CAF',
      'Visale',
      'médiation',
      "plan d'apurement",
      '15 mars 2027',
      'M. Jean Lefèvre',
      'Mme Awa Diallo',
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/\{\{|\[\[\[/);
    expect(checkLandlordLetter(letter, readable)).toEqual([]);
  });

  it('writes the declared fallback when the hearing date is unknown', () => {
    const { sections } = renderLandlordLetter(letter, { ...letter.sample, hearingDate: null });
    expect(sections.what).toContain("la date inscrite sur l'assignation");
  });

  it('refuses the household’s response link, undeclared or unused variables and empty texts', () => {
    const withLink = withText('todo', 'Répondez sur {{responseUrl}}.');
    expect(
      checkLandlordLetter(withLink, readable)
        .map((f) => f.detail)
        .join('\n'),
    ).toMatch(/lien de réponse du ménage/);
    expect(checkLandlordLetter(withText('help', 'Appelez {{someoneElse}}.'), readable)[0].detail).toMatch(/someoneElse/);
    expect(checkLandlordLetter(withText('details', ' '), readable).some((f) => /vide/.test(f.detail))).toBe(true);
  });

  it('lint:templates fails when a landlord purpose has no landlord letter, or a household template words it', () => {
    const lib = TemplateLibrary.load();
    const purposes = shippedPurposes();
    expect(lintLibrary(lib, { purposes, landlordLetters: [letter] }).findings).toEqual([]);
    const without = lintLibrary(lib, { purposes }).findings;
    expect(without.map((f) => f.detail).join('\n')).toMatch(/courrierBailleurPrive.*adressé au bailleur/);
    const householdWordsIt = checkLandlordCoverage([letter], new Set(['courrierBailleurPrive']), purposes);
    expect(householdWordsIt.map((f) => f.detail).join('\n')).toMatch(/un modèle du ménage ne peut pas le formuler/);
    const strayLetter = checkLandlordCoverage([{ ...letter, purposes: ['allerVersEquipeMobile'] }], new Set(), purposes);
    expect(strayLetter.length).toBeGreaterThan(0);
  });
});
