import { tokenize, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('shows the one word a translator changed, and keeps the rest as it was', () => {
    const d = wordDiff('Demandez des termene à votre propriétaire.', 'Demandez des termene de plată à votre propriétaire.');
    expect(d.runs).toEqual([
      { kind: 'same', text: 'Demandez des termene ' },
      { kind: 'added', text: 'de plată ' },
      { kind: 'same', text: 'à votre propriétaire.' },
    ]);
    expect(d).toMatchObject({ addedWords: 2, removedWords: 0 });
  });

  it('pairs a replaced word as removed then added, punctuation included', () => {
    const d = wordDiff("C'est une lettre officielle.", "C'est une lettre d'un commissaire de justice !");
    expect(d.runs.filter((r) => r.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'officielle.' },
      { kind: 'added', text: "d'un commissaire de justice !" },
    ]);
    expect(d.removedWords).toBe(2); // "officielle" and "."
  });

  it('reads Arabic words whole (combining marks stay inside the word)', () => {
    expect(tokenize('اتَّصِلوا بنا')).toEqual(['اتَّصِلوا', ' ', 'بنا']);
    const d = wordDiff('اتصل بنا', 'اتصلوا بنا');
    expect(d.runs).toEqual([
      { kind: 'removed', text: 'اتصل' },
      { kind: 'added', text: 'اتصلوا' },
      { kind: 'same', text: ' بنا' },
    ]);
  });

  it('finds nothing to show when the texts are the same, and everything when there was none', () => {
    expect(wordDiff('Le 1er mars.', 'Le 1er mars.').runs).toEqual([{ kind: 'same', text: 'Le 1er mars.' }]);
    expect(wordDiff('', 'Bonjour').runs).toEqual([{ kind: 'added', text: 'Bonjour' }]);
  });
});
