import { z } from 'zod';
import { CHANNELS, LENGTHS, LOCALES, TONES } from '../domain/catalogue';

/** Query of the review list (API and page): French-free values, as in the catalogue. */
export const reviewQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  channel: z.enum(CHANNELS).optional(),
  purpose: z.string().max(100).optional(),
  findings: z.enum(['all', 'any', 'errors']).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Which render of a template (channel, locale, variant): the preview's query and the comparison's.
 * The preview shows pictograms by default (letters and e-mails), the comparison the plain text.
 */
export function renderQuery(pictogramsByDefault: boolean) {
  return z.object({
    channel: z.enum(CHANNELS).default('sms'),
    locale: z.enum(LOCALES).default('fr'),
    tone: z.enum(TONES).default('reassuring'),
    length: z.enum(LENGTHS).default('short'),
    pictograms: z
      .enum(['true', 'false'])
      .default(pictogramsByDefault ? 'true' : 'false')
      .transform((v) => v === 'true'),
  });
}

/** Which render of a template to compare with its previous version. */
export const compareQuery = renderQuery(false);

/** An empty select on the page sends "": the same as no filter. */
export function withoutEmpty(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== ''));
}

const run = z.object({ kind: z.enum(['same', 'removed', 'added']), text: z.string() });
const shown = z.object({
  version: z.number().int(),
  hash: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  archivedAt: z.string().nullable(),
});
export const comparisonSchema = z.object({
  templateKey: z.string(),
  channel: z.string(),
  locale: z.string(),
  variant: z.string(),
  direction: z.enum(['ltr', 'rtl']),
  current: shown,
  previous: shown.nullable(),
  diff: z.object({ runs: z.array(run), removedWords: z.number().int(), addedWords: z.number().int() }).nullable(),
  history: z.array(z.object({ version: z.number().int(), hash: z.string(), archivedAt: z.string() })),
});
const finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'notice']),
  label: z.string().describe('Nom du contrôle, en français'),
  detail: z.string().describe('Constat, en français'),
  sentence: z.string().optional(),
});
export const reviewPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  perPage: z.number().int(),
  counts: z.object({ rows: z.number().int(), withFindings: z.number().int(), withErrors: z.number().int() }),
  rows: z.array(
    z.object({
      purpose: z.string(),
      stage: z.string(),
      templateKey: z.string().nullable(),
      title: z.string().nullable(),
      channel: z.string(),
      locale: z.string(),
      variant: z.string(),
      version: z.number().int().nullable(),
      hash: z.string().nullable(),
      sms: z.object({ encoding: z.string(), parts: z.number().int(), euros: z.number(), nonGsmCharacters: z.array(z.string()) }).nullable(),
      findings: z.array(finding),
    }),
  ),
});
