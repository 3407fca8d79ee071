import { jsonErrorOffset, parseJsonBody } from './json-body';
import { refusalOf } from '../../../../test/support/refusal';

describe('a JSON body, parsed or refused in French with where it breaks', () => {
  it('parses what JSON.parse parses, a byte order mark dropped and "__proto__" kept as a plain key', () => {
    expect(parseJsonBody('\uFEFF{"a":[1,2.5e3,"x\\u00e9"],"b":null}')).toEqual({ a: [1, 2500, 'xé'], b: null });
    expect(Object.keys(parseJsonBody('{"__proto__":{"admin":true}}') as object)).toEqual(['__proto__']);
  });

  it.each([
    ['{"partnerRef":', 14],
    ['{"a":1,}', 7],
    ['{"a": x}', 6],
    ['[1 2]', 3],
    ['{"a":"b"} {}', 10],
    ['{"a":"\\q"}', 6],
    ["{'a':1}", 1],
    ['{"a":01}', 6],
  ])('finds where %j stops being JSON: at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('says -1 of valid JSON, however deep, without overflowing the call stack', () => {
    expect(jsonErrorOffset(' { "a" : [ true , false , null , -0.5E-2 , {} , [] , "\\"" ] } ')).toBe(-1);
    expect(jsonErrorOffset('['.repeat(100_000) + ']'.repeat(100_000))).toBe(-1);
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000);
  });

  it('refuses a truncated body naming the position and what to check', () => {
    const error = refusalOf(() => parseJsonBody('{"partnerRef":'));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', statusCode: 400 });
    expect(error.message).toBe(
      'Le corps de la requête n’est pas du JSON valide (position 14) : vérifiez la syntaxe à cet endroit (guillemets, virgules, accolades).',
    );
    expect(error.fields).toEqual([{ field: '(body)', message: expect.stringContaining('(position 14)') }]);
  });

  it('gives the line and column of a body written on several lines', () => {
    expect(refusalOf(() => parseJsonBody('{\n  "a": 1,\n  "b": oui\n}')).message).toContain('(position 19, ligne 3, colonne 8)');
  });

  it('refuses an empty body saying to send an object or drop the header', () => {
    expect(refusalOf(() => parseJsonBody('  ')).message).toBe(
      'Le corps de la requête est vide, alors que son en-tête Content-Type annonce du JSON : envoyez un objet JSON, ou retirez l’en-tête.',
    );
  });
});
