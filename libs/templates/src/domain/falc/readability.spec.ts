import { kandelMoles } from './readability';

describe('Kandel & Moles readability', () => {
  it('applies 207 − 1.015 × words/sentence − 73.6 × syllables/word', () => {
    // 2 sentences, 6 words (vous 1, avez 2, une 1, dette 1, appelez 3, nous 1 = 9 syllables)
    const r = kandelMoles('Vous avez une dette.\nAppelez nous.');
    expect(r).toMatchObject({ sentences: 2, words: 6, syllables: 9 });
    expect(r.kandelMoles).toBeCloseTo(207 - 1.015 * 3 - 73.6 * 1.5, 1);
  });
  it('scores short everyday sentences above long administrative ones', () => {
    const easy = kandelMoles('Vous avez une dette de loyer.\nAppelez-nous vite.\nNous pouvons vous aider.');
    const hard = kandelMoles(
      "La commission de coordination des actions de prévention des expulsions locatives examinera prochainement l'opportunité d'une orientation administrative complémentaire.",
    );
    expect(easy.kandelMoles).toBeGreaterThanOrEqual(70);
    expect(hard.kandelMoles).toBeLessThan(40);
  });
  it('counts a phone number as one short word, not a long one', () => {
    const withPhone = kandelMoles('Appelez le 01 48 95 00 00.');
    const withWord = kandelMoles('Appelez le bureau.');
    expect(withPhone.words).toBe(3);
    expect(withPhone.syllables).toBe(withWord.syllables - 1);
    expect(withPhone.kandelMoles).toBeGreaterThan(withWord.kandelMoles);
  });
  it('returns zero words for an empty text', () => {
    expect(kandelMoles('').words).toBe(0);
  });
});
