import { territoryOfPostalCode } from './territory';

describe('territoryOfPostalCode', () => {
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
    expect(territoryOfPostalCode(postalCode)).toBe(territory);
  });
});
