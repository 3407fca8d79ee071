import { z } from 'zod';
import { allVariants, variantId } from '@unisson/templates';
import { isDepartement, MESSAGE_CHANNELS, PROCEDURE_STAGES, RESPONSE_KINDS } from '@unisson/vocabulary';

const VARIANT_IDS = allVariants().map(variantId) as [string, ...string[]];

export const armSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,24}$/, 'lettres, chiffres, - ou _, 24 caractères au plus')
    .refine((n) => n !== 'holdout', 'le nom « holdout » est réservé au groupe hors expérience'),
  variant: z.enum(VARIANT_IDS, { message: `une variante de la bibliothèque (${VARIANT_IDS.join(', ')})` }),
  weight: z.number().positive().max(100).default(1),
});

/** What an analyst declares before the first message (the sample size is computed from it). */
export const newExperimentSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'minuscules, chiffres et tirets (3 à 64)'),
    name: z.string().trim().min(3).max(160),
    territory: z.string().refine(isDepartement, 'un département (93, 2A, 974…)'),
    stage: z.enum(PROCEDURE_STAGES),
    purpose: z.string().regex(/^[A-Za-z0-9_-]{2,80}$/, 'un objet du playbook (rappelImpaye…)'),
    channel: z.enum(MESSAGE_CHANNELS),
    arms: z.array(armSchema).min(2).max(6),
    holdoutShare: z.number().min(0).max(0.5).default(0.1),
    primaryResponseKinds: z.array(z.enum(RESPONSE_KINDS)).min(1),
    responseWindowDays: z.number().int().min(1).max(365),
    baselineRate: z.number().gt(0).lt(1),
    minimumDetectableEffect: z.number().refine((x) => x !== 0 && Math.abs(x) < 1, 'un écart non nul, en points de taux (0,05 = 5 points)'),
    alpha: z.number().gt(0).max(0.2).default(0.05),
    power: z.number().min(0.5).lt(1).default(0.8),
    allocation: z.enum(['fixed', 'thompson']).default('fixed'),
  })
  .superRefine((d, ctx) => {
    const names = new Set(d.arms.map((a) => a.name));
    if (names.size !== d.arms.length) ctx.addIssue({ code: 'custom', path: ['arms'], message: 'deux bras portent le même nom' });
    const p2 = d.baselineRate + d.minimumDetectableEffect;
    if (p2 <= 0 || p2 >= 1)
      ctx.addIssue({ code: 'custom', path: ['minimumDetectableEffect'], message: 'le taux visé doit rester entre 0 et 1' });
  });
export type NewExperimentInput = z.infer<typeof newExperimentSchema>;
