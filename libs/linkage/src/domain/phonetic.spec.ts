import { frenchPhonetic } from './phonetic';
import { fold } from './text';

const key = (s: string) => frenchPhonetic(fold(s).replace(/ /g, ''));

describe('frenchPhonetic', () => {
  it.each([
    ['Nguyen', 'Nguyên'],
    ['Faure', 'Fahure'],
    ['Youssef', 'Youcef'],
    ['Philippe', 'Filipe'],
    ['Mohamed', 'Mohammed'],
    ['Haddad', 'Hadad'],
    ['Belkacem', 'Belkassem'],
    ['Thierry', 'Tierry'],
    ['Kowalski', 'Kovalski'],
  ])('%s sounds like %s', (a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each([
    ['Martin', 'Bernard'],
    ['Diallo', 'Diop'],
    ['Simon', 'Michel'],
  ])('%s does not sound like %s', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });
});
