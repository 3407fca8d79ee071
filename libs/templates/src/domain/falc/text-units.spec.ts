import { splitSentences, syllables, words } from './text-units';

describe('French syllable heuristic', () => {
  it.each([
    ['loyer', 2],
    ['payer', 2],
    ['maison', 2],
    ['logement', 3],
    ['aide', 1],
    ['porte', 1],
    ['aides', 1],
    ['appelez', 3],
    ['téléphone', 3],
    ['réaliser', 4],
    ['créer', 2],
    ['année', 2],
    ['rendez-vous', 3],
    ['je', 1],
    ['juge', 1],
    ['commission', 3],
    ['2027', 1],
    ['1 234,56', 3],
  ])('%s has %i syllable(s)', (word, expected) => {
    expect(syllables(word)).toBe(expected);
  });
});

describe('sentences and words', () => {
  it('splits on end punctuation and on line breaks, dropping list bullets', () => {
    expect(splitSentences('Bonjour. Que se passe-t-il ?\n- votre carte\n\nMerci !')).toEqual([
      'Bonjour.',
      'Que se passe-t-il ?',
      'votre carte',
      'Merci !',
    ]);
  });
  it('keeps an amount, a date and a phone number as single words', () => {
    expect(words('Vous devez 1\u202f234,56 € avant le 11 janvier, appelez le 01 48 95 00 00.')).toEqual([
      'Vous',
      'devez',
      '1\u202f234,56',
      'avant',
      'le',
      '11',
      'janvier',
      'appelez',
      'le',
      '01 48 95 00 00',
    ]);
  });
  it("counts elided and hyphenated words once (l'audience, Seine-Saint-Denis)", () => {
    expect(words("l'audience à Seine-Saint-Denis")).toHaveLength(3);
  });
});
