import { z } from 'zod';
import { UnissonError, ZodValidationPipe } from '@unisson/platform';

describe('a refused body, explained in French', () => {
  it('names each field and says what is wrong with it in French, zod’s own words included', () => {
    const pipe = new ZodValidationPipe(z.strictObject({ amount: z.number().min(0), city: z.string() }));
    let refused: UnissonError | null = null;
    try {
      pipe.transform({ amount: -3, city: 12, extra: true });
    } catch (error) {
      refused = error as UnissonError;
    }
    expect(refused?.statusCode).toBe(400);
    expect(refused?.message).toMatch(/^Requête invalide : vérifiez /);
    expect(refused?.fields.map((f) => f.field).sort()).toEqual(['(body)', 'amount', 'city'].sort());
    const said = refused!.fields.map((f) => f.message).join(' | ');
    expect(said).toMatch(/Trop petit/);
    expect(said).toMatch(/chaîne de caractères attendu/);
    expect(said).toMatch(/Clés non reconnues : "extra"/);
    expect(said).not.toMatch(/Invalid|expected|Unrecognized/);
  });
});
