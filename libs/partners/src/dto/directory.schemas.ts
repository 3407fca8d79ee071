import { z } from 'zod';
import { agreementFieldsProblem, ROLES, SHARED_VIEW_FIELD_IDS } from '@unisson/access';
import { DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE } from '@unisson/vocabulary';
import { API_SCOPES } from '../domain/api-scope';
import { PARTNER_KINDS } from '../domain/partner-kind';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password';

export const territoryCode = z.string().regex(DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE);

export const newPartnerSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'minuscules, chiffres et tirets (2 à 63 caractères), ex. caf-93'),
  name: z.string().trim().min(2, 'au moins 2 caractères').max(200),
  kind: z.enum(PARTNER_KINDS, { error: `doit être l'un de : ${PARTNER_KINDS.join(', ')}` }),
  territories: z.array(territoryCode).min(1, 'au moins un territoire').max(20),
  publicPhone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'doit être un numéro E.164, ex. +33148000001')
    .nullish(),
});
export type NewPartnerInput = z.infer<typeof newPartnerSchema>;

/** A change that changes nothing (`{}`) is refused, naming the fields one may send: an empty update is no request. */
const atLeastOneOf = (fields: readonly string[]) => ({
  path: [] as string[],
  message: `au moins un champ à modifier est requis (${fields.join(', ')})`,
});
const hasAField = (changes: Record<string, unknown>) => Object.values(changes).some((value) => value !== undefined);

export const partnerChangesSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(200).optional(),
    territories: z.array(territoryCode).min(1).max(20).optional(),
    publicPhone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'doit être un numéro E.164, ex. +33148000001')
      .nullish(),
    disabled: z.boolean().optional(),
  })
  .refine(hasAField, atLeastOneOf(['name', 'territories', 'publicPhone', 'disabled']));
export type PartnerChangesInput = z.infer<typeof partnerChangesSchema>;

export const newKeySchema = z.strictObject({
  label: z.string().trim().min(2, 'au moins 2 caractères').max(100),
  scopes: z
    .array(z.enum(API_SCOPES, { error: `permission inconnue (possibles : ${API_SCOPES.join(', ')})` }))
    .min(1, 'au moins une permission'),
});
export type NewKeyInput = z.infer<typeof newKeySchema>;

export const rotateKeySchema = z.strictObject({
  overlapHours: z
    .number()
    .int()
    .min(0, 'au moins 0 heure')
    .max(24 * 90, 'au plus 90 jours')
    .default(24 * 7),
});

/**
 * A new password's length, from the constants `passwordProblem` checks: the OpenAPI document says
 * what the server enforces (the other rules, repetition and the e-mail's name, are the service's).
 */
const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères`)
  .max(PASSWORD_MAX_LENGTH, `le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères`);

export const newAccountSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email('doit être une adresse électronique').max(254),
  displayName: z.string().trim().min(2).max(200),
  role: z.enum(ROLES, { error: `doit être l'un de : ${ROLES.join(', ')}` }),
  partnerId: z.string().uuid('doit être l’identifiant d’un partenaire').nullable(),
  password: newPassword,
});
export type NewAccountInput = z.infer<typeof newAccountSchema>;

export const accountChangesSchema = z
  .strictObject({
    password: newPassword.optional(),
    disabled: z.boolean().optional(),
    unlock: z.boolean().optional(),
  })
  .refine(hasAField, atLeastOneOf(['password', 'disabled', 'unlock']));
export type AccountChangesInput = z.infer<typeof accountChangesSchema>;

export const agreementSchema = z
  .strictObject({
    territory: territoryCode,
    partnerKind: z.enum(PARTNER_KINDS),
    fields: z.array(
      z.enum(SHARED_VIEW_FIELD_IDS as [string, ...string[]], { error: `champ inconnu (possibles : ${SHARED_VIEW_FIELD_IDS.join(', ')})` }),
    ),
    reference: z.string().trim().max(300).nullish(),
  })
  .superRefine((agreement, ctx) => {
    const problem = agreementFieldsProblem(agreement.partnerKind, agreement.fields);
    if (problem) ctx.addIssue({ code: 'custom', path: ['fields'], message: problem });
  });
export type AgreementInput = z.infer<typeof agreementSchema>;
