import { z } from 'zod';
import { REPORTABLE_OUTCOMES } from '../domain/attribution';

export const outcomeSchema = z
  .strictObject({
    kind: z.enum(REPORTABLE_OUTCOMES as [string, ...string[]], { error: `doit être l’une des issues : ${REPORTABLE_OUTCOMES.join(', ')}` }),
    occurredAt: z.iso.datetime({ offset: true, error: 'date et heure ISO 8601 avec fuseau (2026-12-01T10:00:00+01:00)' }),
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

export const filterSchema = z.object({
  territory: z
    .string()
    .regex(/^(\d{2}|2A|2B|97[1-6])$/, 'un département (93, 2A, 974…)')
    .optional(),
  from: z.iso.date({ error: 'une date AAAA-MM-JJ' }).optional(),
  to: z.iso.date({ error: 'une date AAAA-MM-JJ' }).optional(),
});
export type FilterInput = z.infer<typeof filterSchema>;
