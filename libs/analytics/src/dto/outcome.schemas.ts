import { z } from 'zod';
import { FIRST_ACCEPTED_YEAR, isoInstant, isWithinAcceptedYears, LAST_ACCEPTED_YEAR } from '@unisson/platform';
import { DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE } from '@unisson/vocabulary';
import { REPORTABLE_OUTCOMES } from '../domain/attribution';

export const outcomeSchema = z
  .strictObject({
    kind: z.enum(REPORTABLE_OUTCOMES as [string, ...string[]], { error: `doit être l’une des issues : ${REPORTABLE_OUTCOMES.join(', ')}` }),
    occurredAt: isoInstant('date et heure ISO 8601 avec fuseau (2026-12-01T10:00:00+01:00)'),
    eventId: z
      .string()
      .regex(/^[\w.:-]{1,100}$/, 'identifiant de l’événement chez vous (lettres, chiffres, . : - _), 100 caractères au plus')
      .describe('Votre identifiant de cet événement : un envoi répété avec le même est compté une fois'),
    knownToSocialServices: z.boolean().optional().describe('DSF : le foyer était-il connu du service social départemental ?'),
  })
  .refine((o) => o.knownToSocialServices === undefined || o.kind === 'dsf_done', {
    path: ['knownToSocialServices'],
    message: 'seulement pour l’issue dsf_done',
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** The years a report can cover: the years any date is accepted in (PostgreSQL takes no year 0000). */
const reportDay = z.iso
  .date({ error: 'une date AAAA-MM-JJ' })
  .refine(isWithinAcceptedYears, `une date entre le 1er janvier ${FIRST_ACCEPTED_YEAR} et le 31 décembre ${LAST_ACCEPTED_YEAR}`);

export const filterSchema = z.object({
  territory: z.string().regex(DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE).optional(),
  from: reportDay.optional(),
  to: reportDay.optional(),
});
export type FilterInput = z.infer<typeof filterSchema>;
