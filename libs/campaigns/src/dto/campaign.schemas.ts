import { z } from 'zod';
import { isoInstant } from '@unisson/platform';
import { DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE, PROCEDURE_STAGES } from '@unisson/vocabulary';

const euros = z.number({ error: 'doit être un montant en euros' }).nonnegative('ne doit pas être négatif').max(1_000_000);

export const campaignTargetSchema = z
  .strictObject({
    stage: z.enum(PROCEDURE_STAGES, { error: `étape inconnue (possibles : ${PROCEDURE_STAGES.join(', ')})` }),
    territory: z.string().regex(DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE),
    debtMin: euros.optional().describe('Dette minimale en euros'),
    debtMax: euros.optional().describe('Dette maximale en euros'),
    housingSector: z.enum(['social', 'prive']).optional(),
    benefitRecipient: z
      .boolean()
      .optional()
      .describe('true : seulement les allocataires (numéro CAF connu) ; false : seulement les autres'),
    postalCodes: z
      .array(z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres'))
      .max(200)
      .optional(),
  })
  .refine((t) => t.debtMin === undefined || t.debtMax === undefined || t.debtMin <= t.debtMax, {
    path: ['debtMax'],
    message: 'doit être supérieure ou égale à debtMin',
  });
export type CampaignTargetInput = z.infer<typeof campaignTargetSchema>;

/** A launch date a few minutes old is a form filled slowly, not a date in the past. */
const SCHEDULE_PAST_TOLERANCE_MS = 15 * 60_000;
/** Campaigns are planned for the months ahead, not years. */
const SCHEDULE_HORIZON_MS = 366 * 24 * 3_600_000;

export const newCampaignSchema = z.strictObject({
  name: z.string().trim().min(3, 'au moins 3 caractères').max(200),
  purpose: z.string().regex(/^[a-zA-Z]{3,60}$/, 'doit être un objet du playbook, ex. lettrePreventionCcapex'),
  target: campaignTargetSchema,
  scheduledAt: isoInstant('doit être un instant ISO 8601, ex. 2026-12-08T09:00:00+01:00')
    .refine((at) => Date.parse(at) >= Date.now() - SCHEDULE_PAST_TOLERANCE_MS, {
      message: 'est déjà passée : laissez-la vide pour lancer la campagne dès son approbation',
    })
    .refine((at) => Date.parse(at) <= Date.now() + SCHEDULE_HORIZON_MS, { message: 'doit tomber dans l’année qui vient' })
    .nullish(),
});
export type NewCampaignInput = z.infer<typeof newCampaignSchema>;

export const campaignChangesSchema = newCampaignSchema.partial();
export type CampaignChangesInput = z.infer<typeof campaignChangesSchema>;
