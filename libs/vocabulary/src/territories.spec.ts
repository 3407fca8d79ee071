import { DEPARTEMENTS, departementOfPostalCode } from './territories';

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
  ])('%p is in %p', (postalCode, territory) => {
    expect(departementOfPostalCode(postalCode)).toBe(territory);
  });

  it('lists the 96 metropolitan départements and the 5 overseas ones', () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(DEPARTEMENTS).toEqual(expect.arrayContaining(['01', '2A', '2B', '75', '95', '971', '976']));
    expect(DEPARTEMENTS).not.toContain('20');
  });
});
