import { fieldProblems } from '@unisson/platform';
import { landlordAddressSchema } from './landlord-address.controller';

const GOOD = { name: 'M. Jean Lefèvre', street: '8, avenue de la République', postalCode: '91300', city: 'Massy' };

/** The fields a body is refused on (empty: accepted). */
function refusedFields(body: Record<string, unknown>): string[] {
  const parsed = landlordAddressSchema.safeParse(body);
  return parsed.success ? [] : fieldProblems(parsed.error).map((p) => p.field);
}

describe('a private landlord’s postal address, checked for the window envelope (NF Z 10-011)', () => {
  it('accepts a good address', () => {
    expect(refusedFields(GOOD)).toEqual([]);
  });

  it.each([
    ['a postcode of 4 digits', { postalCode: '9130' }, ['postalCode']],
    ['a street longer than 38 characters', { street: '8 avenue du Maréchal de Lattre de Tassigny prolongée' }, ['street']],
    ['a town a sorting machine cannot read', { city: 'Massy ☺' }, ['city']],
    ['no name', { name: '' }, ['name']],
    ['an empty street', { street: '   ' }, ['street']],
    [
      'complements on 4 lines (7 lines in all)',
      { addressExtra: 'Appartement 12\nEscalier B\nBâtiment C\nRésidence Les Tilleuls' },
      ['addressExtra'],
    ],
  ])('refuses %s, naming the field', (_what, change, fields) => {
    expect(refusedFields({ ...GOOD, ...change })).toEqual(fields);
  });

  it('refuses fields it does not know', () => {
    expect(refusedFields({ ...GOOD, country: 'France' })).toEqual(['(body)']);
  });
});
