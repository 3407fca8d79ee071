import { editDistance, jaroWinkler } from './similarity';

describe('jaroWinkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('%s / %s = %f (reference values)', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for identical strings and 0 for nothing in common', () => {
    expect(jaroWinkler('LEFEBVRE', 'LEFEBVRE')).toBe(1);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('LFEEBVRE', 'LEFEBVRE')).toBeCloseTo(jaroWinkler('LEFEBVRE', 'LFEEBVRE'), 10);
  });
});

describe('editDistance', () => {
  it.each([
    ['GUERIN', 'GUERIN', 0],
    ['LFEEBVRE', 'LEFEBVRE', 1],
    ['FONTIAINE', 'FONTAINE', 1],
    ['MARTIN', 'MARTINEZ', 2],
  ])('%s -> %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops counting above the cap', () => {
    expect(editDistance('ABCDEFGH', 'ZYXWVUTS', 2)).toBe(3);
  });
});
