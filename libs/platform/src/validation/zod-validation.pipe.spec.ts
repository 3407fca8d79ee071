import { z } from 'zod';
import { UnissonError } from '../errors';
import { parseOrThrow, SafeTextPipe, unsafeTextProblems, withUnsafeTextAsSpaces } from './zod-validation.pipe';
import { refusalOf as refusal } from '../../../../test/support/refusal';

describe('unsafe text, looked for in a value of any depth', () => {
  it('walks 100,000 nested arrays without overflowing the call stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(unsafeTextProblems(deep)).toEqual([]);
    expect(() => new SafeTextPipe().transform(deep, { type: 'query', data: 'q' })).not.toThrow();
  });

  it('still names each field holding a NUL, in the order of the body', () => {
    expect(unsafeTextProblems({ a: 'x\u0000', b: [{ c: '\uD800' }] }).map((p) => p.field)).toEqual(['a', 'b.0.c']);
  });
});

describe('controls of the direction of text (« Trojan source »)', () => {
  // "Rue de la Paix" that reads "xiaP al ed euR" once an override turns it round, and the other embeddings and isolates.
  const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

  it.each(controls.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    'refuses %s in a name or an address, naming the field, in French',
    (_label, control) => {
      expect(unsafeTextProblems({ address: { street: `4 rue ${control}xiaP al ed` } })).toEqual([
        { field: 'address.street', message: expect.stringContaining('caractère de contrôle du sens de lecture') },
      ]);
    },
  );

  it('refuses one in a key too, in French', () => {
    expect(unsafeTextProblems({ tenant: { 'last\u202EName': 'Martin' } })).toEqual([
      { field: 'tenant', message: 'contient une clé avec un caractère de contrôle ou une demi-paire de substitution' },
    ]);
  });

  it('keeps Arabic text and the marks that turn nothing round (U+200E, U+200F, U+061C)', () => {
    expect(unsafeTextProblems({ lastName: 'حداد\u200F', city: 'Saint\u200E-Denis', note: 'أ\u061Cب' })).toEqual([]);
  });

  it('reads them as spaces in a reply, and keeps the marks', () => {
    expect(withUnsafeTextAsSpaces('STOP\u202E\u2066')).toBe('STOP  ');
    expect(withUnsafeTextAsSpaces('نعم\u200F')).toBe('نعم\u200F');
  });

  it('answers a body holding one with a 400', () => {
    const error = refusal(() => parseOrThrow(z.strictObject({ name: z.string() }), { name: 'Martin\u202E' }));
    expect(error.statusCode).toBe(400);
    expect(error.fields.map((f) => f.field)).toEqual(['name']);
  });
});

describe('parseOrThrow', () => {
  const schema = z.strictObject({ name: z.string() });

  it('refuses a value nested 6,000 levels deep with a 400 naming the nesting, not a stack overflow', () => {
    const deep = JSON.parse('{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000)) as unknown;
    const error = refusal(() => parseOrThrow(schema, deep));
    expect(error.statusCode).toBe(400);
    expect(error.fields).toEqual([{ field: '(body)', message: expect.stringContaining('imbriqué sur plus de 32 niveaux') }]);
  });

  it('answers 20,000 unknown keys by naming 20 of them and counting the others', () => {
    const body = Object.fromEntries([['name', 'x'], ...Array.from({ length: 20_000 }, (_, i) => [`cle${i}`, 1])]);
    const error = refusal(() => parseOrThrow(schema, body));
    expect(error.statusCode).toBe(400);
    expect(error.fields[0]!.message).toContain('"cle19" … et 19980 autres');
    expect(error.fields[0]!.message).not.toContain('cle20"');
    expect(JSON.stringify({ message: error.message, errors: error.fields }).length).toBeLessThan(2_000);
  });

  it('lists 20 wrong fields at most, and says how many more there are', () => {
    const error = refusal(() =>
      parseOrThrow(
        z.array(z.string()),
        Array.from({ length: 500 }, () => 1),
      ),
    );
    expect(error.fields).toHaveLength(20);
    expect(error.message).toContain('… et 480 autres problèmes');
  });
});

describe('one refusal, each field named once', () => {
  it('lists a problem two checks report alike once, and names its field once', () => {
    const error = UnissonError.validation([
      { field: 'offset', message: 'trop grand' },
      { field: 'offset', message: 'trop grand' },
      { field: 'limit', message: 'trop petit' },
      { field: 'limit', message: 'doit être pair' },
    ]);
    expect(error.message).toBe(
      'Requête invalide : vérifiez offset, limit. offset : trop grand ; limit : trop petit ; limit : doit être pair',
    );
    expect(error.fields).toHaveLength(3);
  });
});

describe('a body sent as text', () => {
  it('is refused saying which header to send, not only « objet attendu, chaîne reçu »', () => {
    const error = refusal(() => parseOrThrow(z.strictObject({ name: z.string() }), '{"name":"x"}'));
    expect(error.fields).toEqual([
      {
        field: '(body)',
        message: 'doit être un objet JSON, or il a été lu comme du texte : envoyez-le avec l’en-tête Content-Type: application/json',
      },
    ]);
  });
});
