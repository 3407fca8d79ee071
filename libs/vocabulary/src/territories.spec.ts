import {
  DEPARTEMENT_CODE,
  DEPARTEMENT_POSTAL_CODE,
  DEPARTEMENTS,
  departementOfPostalCode,
  FRENCH_POSTAL_CODE,
  isDepartement,
} from './territories';

describe('departementOfPostalCode', () => {
  it.each([
    ['93200', '93'],
    ['38000', '38'],
    ['91000', '91'],
    ['97411', '974'],
    ['97600', '976'],
    ['20090', '2A'],
    ['20200', '2B'],
    ['01000', '01'],
    ['97133', '977'],
    ['97150', '978'],
    ['97500', '975'],
  ])('%p is in %p', (postalCode, territory) => {
    expect(departementOfPostalCode(postalCode)).toBe(territory);
  });

  it('lists the 96 metropolitan départements and the 5 overseas ones', () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(DEPARTEMENTS).toEqual(expect.arrayContaining(['01', '2A', '2B', '75', '95', '971', '976']));
    expect(DEPARTEMENTS).not.toContain('20');
  });
});

describe('one definition of the territories Unisson covers', () => {
  it.each(['975', '977', '978', '986', '987', '988', '20', '00', '96', '2C', '970', '975 '])('%p is no département', (code) => {
    expect(isDepartement(code)).toBe(false);
    expect(DEPARTEMENT_CODE.test(code)).toBe(false);
  });

  it('the département pattern takes exactly the listed départements', () => {
    const candidates = [
      ...Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')),
      ...Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')),
      ...['2A', '2B', '2C', '1A'],
    ];
    expect(candidates.filter((code) => DEPARTEMENT_CODE.test(code)).sort()).toEqual([...DEPARTEMENTS].sort());
  });

  it('a postcode is a département’s exactly when its territory is a département', () => {
    const wrong: string[] = [];
    for (let n = 0; n < 100_000; n += 1) {
      const code = String(n).padStart(5, '0');
      if (!FRENCH_POSTAL_CODE.test(code)) continue;
      if (DEPARTEMENT_POSTAL_CODE.test(code) !== isDepartement(departementOfPostalCode(code))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['97500', false, 'Saint-Pierre-et-Miquelon'],
    ['97133', false, 'Saint-Barthélemy'],
    ['97150', false, 'Saint-Martin'],
    ['98800', false, 'Nouméa'],
    ['98714', false, 'Papeete'],
    ['97600', true, 'Mamoudzou'],
    ['97110', true, 'Pointe-à-Pitre'],
    ['20000', true, 'Ajaccio'],
  ])('%p is a département’s postcode: %p (%s)', (code, covered) => {
    expect(DEPARTEMENT_POSTAL_CODE.test(code)).toBe(covered);
  });
});
