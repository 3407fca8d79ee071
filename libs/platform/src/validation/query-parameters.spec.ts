import { z } from 'zod';
import { parseOrThrow } from './zod-validation.pipe';
import { queryInteger } from './query-parameters';
import { refusalOf } from '../../../../test/support/refusal';

describe('a whole-number query parameter', () => {
  const page = z.strictObject({
    limit: queryInteger({ min: 1, max: 200, default: 50 }),
    offset: queryInteger({ min: 0, max: 1_000_000, default: 0 }),
  });
  const refusal = (query: Record<string, unknown>) => refusalOf(() => parseOrThrow(page, query));

  it('reads a number written in the query string, and takes the default when it is absent', () => {
    expect(parseOrThrow(page, { limit: '7', offset: ' 20 ' })).toEqual({ limit: 7, offset: 20 });
    expect(parseOrThrow(page, {})).toEqual({ limit: 50, offset: 0 });
    expect(parseOrThrow(page, { limit: 200 })).toEqual({ limit: 200, offset: 0 });
  });

  it.each([
    [{ limit: '2.5' }, 'limit : doit être un nombre entier (sans décimales) de 1 à 200'],
    [{ limit: ['1', '2'] }, 'limit : envoyé 2 fois : envoyez ce paramètre une seule fois, un nombre entier de 1 à 200'],
    [{ limit: 'abc' }, 'limit : doit être un nombre entier de 1 à 200, ex. 50'],
    [{ limit: '' }, 'limit : doit être un nombre entier de 1 à 200, ex. 50'],
    [{ limit: '0' }, 'limit : trop petit : envoyez un nombre entier de 1 à 200'],
    [{ offset: '1e20' }, 'offset : trop grand : envoyez un nombre entier de 0 à 1\u202f000\u202f000'],
  ])('refuses %j naming the parameter once and what to send: « %s »', (query, said) => {
    const error = refusal(query);
    const field = Object.keys(query)[0]!;
    expect(error.message).toBe(`Requête invalide : vérifiez ${field}. ${said}`);
    expect(error.fields).toHaveLength(1);
  });
});
