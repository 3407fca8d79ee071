import { z } from 'zod';

/** Integers are written in French with a narrow no-break space every three digits (1 000 000). */
const frenchInteger = (n: number) => n.toLocaleString('fr-FR');

/**
 * A whole-number query parameter (`?limit=50`): one problem per value, in words that say what to
 * send. `2.5` is not a whole number, `?limit=1&limit=2` sends the parameter twice (Fastify reads
 * it as a list), `1e20` is over the bound: each is said as such, once, where zod's coerced number
 * said « doit être un nombre » for all three, twice for the last.
 */
export function queryInteger(bounds: { min: number; max: number; default: number }): z.ZodType<number, unknown> {
  const { min, max } = bounds;
  const range = `de ${frenchInteger(min)} à ${frenchInteger(max)}`;
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number => {
      if (value === undefined) return bounds.default;
      if (Array.isArray(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `envoyé ${value.length} fois : envoyez ce paramètre une seule fois, un nombre entier ${range}`,
        });
        return z.NEVER;
      }
      // A number as such: a page that builds its own query (the audit page's `limit: 200`).
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `doit être un nombre entier ${range}, ex. ${frenchInteger(bounds.default)}` });
        return z.NEVER;
      }
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: 'custom', message: `doit être un nombre entier (sans décimales) ${range}` });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${n < min ? 'trop petit' : 'trop grand'} : envoyez un nombre entier ${range}` });
        return z.NEVER;
      }
      return n;
    });
}
