import { z } from 'zod';
import {
  DEPARTEMENT_POSTAL_CODE,
  DEPARTEMENT_POSTAL_CODE_RULE,
  FRENCH_POSTAL_CODE,
  HOUSING_SECTORS,
  STAGE_EVENT_TYPES,
} from '@unisson/vocabulary';
import { LOCALES } from '@unisson/templates';
import { ACCEPTED_YEARS_RULE, isWithinAcceptedYears, LAST_ACCEPTED_YEAR } from '@unisson/platform';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'doit être une date écrite AAAA-MM-JJ')
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'n’est pas une date du calendrier (ex. 2026-02-30 n’existe pas)',
  )
  .refine(isWithinAcceptedYears, ACCEPTED_YEARS_RULE);

const birthDate = isoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'ne peut pas être dans le futur');

const DAY_MS = 86_400_000;
/** How far ahead a scheduled date (a hearing, a deadline) can sensibly be: hearings are set weeks or months ahead, never years. */
const SCHEDULED_AHEAD_MS = 2 * 366 * DAY_MS;
/**
 * A date of something that has happened (the first unpaid rent, a stage reached, a lease signed):
 * up to tomorrow in UTC, the day a partner in Nouméa or Wallis (UTC+11, +12) already writes.
 */
const pastDate = isoDate.refine(
  (value) => value <= new Date(Date.now() + DAY_MS).toISOString().slice(0, 10),
  'ne peut pas être dans le futur : c’est la date de quelque chose qui a eu lieu',
);
/** A date set ahead (an intent's deadline): at most two years from today. */
const scheduledDate = isoDate.refine(
  (value) => value <= new Date(Date.now() + SCHEDULED_AHEAD_MS).toISOString().slice(0, 10),
  'doit tomber dans les deux ans qui viennent',
);

const isoInstant = z.iso
  .datetime({ offset: true, error: 'doit être un instant ISO 8601 avec son décalage horaire, ex. 2027-03-02T09:00:00+01:00' })
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 2000 && year <= LAST_ACCEPTED_YEAR;
  }, `doit tomber entre l’an 2000 et ${LAST_ACCEPTED_YEAR}`);
/**
 * How long ago a hearing being reported may have been held: an `audience` is reported once it has
 * taken place, within days or weeks. Older, it plans nothing (every reminder is too late) and is a typing error.
 */
export const HEARING_PAST_DAYS = 30;
/**
 * A hearing's date and time, set by the court ahead of the summons: at most two years from now,
 * and not held more than HEARING_PAST_DAYS ago (decision 0030).
 */
const hearingInstant = isoInstant
  .refine(
    (value) => new Date(value).getTime() <= Date.now() + SCHEDULED_AHEAD_MS,
    'doit tomber dans les deux ans qui viennent (une audience se fixe des mois à l’avance, pas des années)',
  )
  .refine(
    (value) => new Date(value).getTime() >= Date.now() - HEARING_PAST_DAYS * DAY_MS,
    `ne peut pas être passée de plus de ${HEARING_PAST_DAYS} jours : une audience signalée est à venir ou vient de se tenir ; vérifiez l’année`,
  );
/** The hearing's civil day where it is held: the date an ISO instant with its offset is written with. */
const hearingDay = (at: string): string => at.slice(0, 10);
/** The day before a civil day ('YYYY-MM-DD'): the tolerance between a hearing's own day and the event's. */
const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
const text = (max: number) => z.string().trim().min(1, 'ne peut pas être vide').max(max, `au plus ${max} caractères`);
/** A rent or a debt above this is a typing slip (often cents sent as euros), not a household's arrears. */
const MAX_EUROS = 1_000_000;
const euros = z
  .number({ error: 'doit être un montant en euros, ex. 1234.56' })
  .nonnegative('ne peut pas être négatif')
  .max(
    MAX_EUROS,
    `trop élevé : au plus ${MAX_EUROS.toLocaleString('fr-FR')} € ; vérifiez le montant, en euros et non en centimes (ex. 1234.56)`,
  )
  .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), 'au plus 2 décimales');

const phoneNumber = z
  .string()
  .trim()
  .regex(
    /^\+?[\d][\d .()-]{5,29}$/,
    'doit être un numéro de téléphone (chiffres, espaces, points, tirets ou parenthèses), ex. 06 12 34 56 78',
  );

/** The languages the template library writes in (`fr-falc`: French easy-to-read). */
export const SUPPORTED_LOCALES = LOCALES;

export const personSchema = z.strictObject({
  lastName: text(100),
  firstName: text(100),
  birthDate: birthDate.optional(),
});

export const addressSchema = z.strictObject({
  street: text(200),
  extra: text(200).optional(),
  postalCode: z
    .string()
    .regex(FRENCH_POSTAL_CODE, { message: 'doit être le code postal français d’une commune, 5 chiffres', abort: true })
    // A refinement, not a second pattern: the OpenAPI document keeps one pattern, and says the rest.
    .refine((value) => DEPARTEMENT_POSTAL_CODE.test(value), DEPARTEMENT_POSTAL_CODE_RULE)
    .describe(
      'Code postal d’une commune d’un département (métropole, Corse, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) ; ceux de Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin et du Pacifique sont refusés (400)',
    ),
  city: text(100),
});

export const contactsSchema = z.strictObject({
  phone: phoneNumber.optional(),
  email: z.string().trim().toLowerCase().email('doit être une adresse e-mail').max(254).optional(),
});

/** What a partner may state about the household itself: it reads with difficulty, its dependent children. */
const householdFacts = {
  readsWithDifficulty: z
    .boolean({ error: 'doit valoir true ou false' })
    .optional()
    .describe(
      'The household reads with difficulty or cannot read (illettrisme), as the partner knows it: its messages are then also spoken (automated call in its language), legal letters still go',
    ),
  dependentChildren: z
    .number({ error: 'doit être un nombre entier d’enfants, ex. 2' })
    .int('doit être un nombre entier d’enfants, ex. 2')
    .min(0, 'ne peut pas être négatif')
    .max(20, 'au plus 20')
    .optional()
    .describe(
      "Number of dependent children (enfants à charge): the playbook's task routing uses it (CAF social workers for benefit households with children)",
    ),
};

/** A landlord's first-arrears alert. */
export const alertSchema = z.strictObject({
  partnerRef: text(100).describe("The landlord's own reference for this tenancy"),
  tenant: personSchema,
  coTenant: personSchema.optional(),
  address: addressSchema,
  contacts: contactsSchema.default({}),
  cafNumber: z
    .string()
    .regex(/^\d{5,10}$/, 'doit compter 5 à 10 chiffres')
    .optional(),
  preferredLocale: z.enum(SUPPORTED_LOCALES).default('fr'),
  lease: z.strictObject({
    housingSector: z.enum(HOUSING_SECTORS),
    signedOn: pastDate.optional(),
    monthlyRent: euros,
  }),
  arrears: z.strictObject({
    amount: euros.refine((n) => n > 0, 'doit être supérieur à 0 €'),
    firstUnpaidOn: pastDate,
  }),
  ...householdFacts,
});
export type AlertInput = z.infer<typeof alertSchema>;

/** A stage of the procedure, reported by any partner about a household it knows by its own reference. */
export const stageEventSchema = z
  .strictObject({
    partnerRef: text(100),
    type: z.enum(STAGE_EVENT_TYPES),
    /** The day the stage was reached (every event type names something that happened); the hearing to come is `hearing.at`. */
    occurredOn: pastDate,
    hearing: z
      .strictObject({
        at: hearingInstant,
        place: text(300),
      })
      .optional(),
    debtAmount: euros.optional(),
    /** Identity, for a partner whose reference Unisson does not know yet (e.g. a commissaire de justice). */
    tenant: personSchema.optional(),
    address: addressSchema.optional(),
    contacts: contactsSchema.optional(),
    ...householdFacts,
  })
  .refine((e) => e.type !== 'assignation' || e.hearing !== undefined, {
    path: ['hearing'],
    message: 'est obligatoire pour une assignation (date, heure et lieu de l’audience)',
  })
  // The summons sets the hearing ahead: one on or before its day is a typing error. One sooner
  // than the 6 weeks' notice to the préfet is taken (late notice, "à bref délai": the judge
  // decides), and the plan's trace says so (coordination's shortHearingNotice).
  .refine((e) => e.type !== 'assignation' || e.hearing === undefined || hearingDay(e.hearing.at) > e.occurredOn, {
    path: ['hearing', 'at'],
    message: 'doit tomber après le jour de l’assignation (occurredOn) : l’assignation fixe une audience à venir',
  })
  // Any other event names the hearing it sets (a judgment's postponement) or the one just held
  // (`audience`, occurredOn its day): never one before the event, a day of tolerance for offsets.
  .refine((e) => e.type === 'assignation' || e.hearing === undefined || hearingDay(e.hearing.at) >= dayBefore(e.occurredOn), {
    path: ['hearing', 'at'],
    message:
      'ne peut pas tomber avant le jour de l’événement (occurredOn) : l’audience signalée est celle qu’il fixe ou celle qui vient de se tenir',
  });
export type StageEventInput = z.infer<typeof stageEventSchema>;

/**
 * A partner's wish to tell a household something at its current stage (a purpose of the
 * territory's playbook, e.g. "offreTravailleurSocialCaf"): the coordination engine merges it
 * with the other partners' intents into one plan.
 */
export const intentSchema = z.strictObject({
  partnerRef: text(100),
  purpose: z.string().regex(/^[a-zA-Z]{3,60}$/, 'doit être un objet du playbook, ex. offreTravailleurSocialCaf'),
  /** Latest date the household should hear about it. */
  deadline: scheduledDate.optional(),
  /** The number the household should call; the partner's public number otherwise. */
  callbackPhone: phoneNumber.optional(),
});
export type IntentInput = z.infer<typeof intentSchema>;

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\w.:-]{8,128}$/, 'doit compter 8 à 128 caractères parmi lettres, chiffres, « _ », « - », « . », « : »');
