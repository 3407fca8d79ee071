import { normaliseFirstName, normaliseLastName } from './normalise-name';

describe('normaliseLastName', () => {
  it.each([
    ['NGUYEN', 'Nguyên'],
    ['Dos Santos', 'DOS-SANTOS'],
    ['Dossantos', 'DOS SANTOS'],
    ['Lefèvre', 'LEFEVRE'],
    ['Saïdi', 'SAIDI'],
    ['Mme Garnier', 'GARNIER'],
  ])('%s and %s have the same full form', (a, b) => {
    expect(normaliseLastName(a).full).toBe(normaliseLastName(b).full);
  });

  it('drops particles from the core but keeps them in the full form', () => {
    const name = normaliseLastName("d'Almeida");
    expect(name.full).toBe('DALMEIDA');
    expect(name.core).toBe('ALMEIDA');
    expect(normaliseLastName('Da Silva').core).toBe('SILVA');
  });

  it('is empty for an empty field', () => {
    expect(normaliseLastName('').full).toBe('');
    expect(normaliseLastName(null).full).toBe('');
  });
});

describe('normaliseFirstName', () => {
  it.each([
    ['Jean-Pierre', 'JEAN PIERRE'],
    ['Mohamed', 'Muhammad'],
    ['Mohammed', 'MOHAMAD'],
    ['Youssef', 'Youcef'],
    ['Yusuf', 'YOUSSEF'],
    ['Abdel Kader', 'Abdelkader'],
    ['Abdel Rahman', 'ABDERRAHMANE'],
    ['Aïcha', 'Aisha'],
    ['Omar', 'Oumar'],
  ])('%s and %s are one first name', (a, b) => {
    expect(normaliseFirstName(a).full).toBe(normaliseFirstName(b).full);
  });

  it('keeps distinct first names apart', () => {
    expect(normaliseFirstName('Marie').full).not.toBe(normaliseFirstName('Mariam').full);
    expect(normaliseFirstName('Karim').full).not.toBe(normaliseFirstName('Kamel').full);
  });

  it('keeps each part of a compound first name', () => {
    expect(normaliseFirstName('Marie-Claire').parts).toEqual(['MARIE', 'CLAIRE']);
  });
});
