import { MESSAGE_CHANNELS, type Channel as VocabularyChannel } from '@unisson/vocabulary';

/**
 * The typed vocabulary of the template library: purposes (template keys), channels, locales,
 * variants and variable types. Pure data, shared by the renderer, the linter and the preview.
 */

export const TEMPLATE_KEYS = [
  'first_arrears_information',
  'caf_repayment_plan_offer',
  'ccapex_prevention_letter',
  'social_worker_appointment_offer',
  'hearing_reminder',
  'legal_aid_adil_information',
  'after_judgment_explanation',
  'cql_rehousing',
  'winter_truce_information',
  'adil_legal_information',
  'caf_arrears_report_notice',
  'housing_benefit_decision',
  'ccapex_referral_information',
  'commandement_de_payer_notice',
  'payment_deadline_reminder',
  'assignation_notice',
  'social_financial_diagnosis',
  'outreach_team_contact',
  'after_hearing_followup',
  'judgment_served_notice',
  'repayment_schedule_reminder',
  'police_assistance_inquiry',
  'emergency_shelter',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/**
 * What the library words: every message channel (`call` is the call-task script read by a social
 * worker or a call platform, `voice` a spoken message) plus `homeVisit`, the note a visiting social
 * worker reads and leaves. Channels are defined once, in @unisson/vocabulary.
 */
export const CHANNELS = [...MESSAGE_CHANNELS, 'homeVisit'] as const satisfies readonly VocabularyChannel[];
export type Channel = (typeof CHANNELS)[number];
/**
 * Channels every template offers: a returned letter can turn any contact into a suggested home
 * visit (the playbooks' NPAI escalation), so every purpose has a visit note.
 */
export const REQUIRED_CHANNELS: readonly Channel[] = CHANNELS;

export const LOCALES = ['fr', 'fr-falc', 'en', 'ar', 'es', 'pt', 'ro', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];

export const TONES = ['reassuring', 'neutral', 'firm'] as const;
export type Tone = (typeof TONES)[number];

export const LENGTHS = ['short', 'detailed'] as const;
export type Length = (typeof LENGTHS)[number];

export interface Variant {
  tone: Tone;
  length: Length;
  pictograms: boolean;
}

export const DEFAULT_VARIANT: Variant = { tone: 'reassuring', length: 'short', pictograms: true };

export function allVariants(): Variant[] {
  const out: Variant[] = [];
  for (const tone of TONES) for (const length of LENGTHS) for (const pictograms of [true, false]) out.push({ tone, length, pictograms });
  return out;
}

export function variantId(v: Variant): string {
  return `${v.tone}.${v.length}.${v.pictograms ? 'picto' : 'plain'}`;
}

/** How a variable is written out. `count` drives CLDR plural phrases. */
export const VARIABLE_TYPES = ['text', 'money', 'date', 'time', 'phone', 'address', 'email', 'count'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export type VariableValue = string | number;
export type Variables = Record<string, VariableValue>;

export interface LocaleInfo {
  /** BCP 47 tag handed to Intl (dates, numbers, plural rules). */
  intl: string;
  /** BCP 47 tag for the names of months and days when they differ from `intl`'s. */
  dateIntl?: string;
  /** Language code used for i18next resources. */
  i18next: string;
  direction: 'ltr' | 'rtl';
  /** Name of the language in itself, for the preview's select box. */
  label: string;
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  fr: { intl: 'fr-FR', i18next: 'fr', direction: 'ltr', label: 'Français' },
  'fr-falc': { intl: 'fr-FR', i18next: 'fr-x-falc', direction: 'ltr', label: 'Français FALC (facile à lire)' },
  en: { intl: 'en-GB', i18next: 'en', direction: 'ltr', label: 'English' },
  // Latin digits: most Arabic readers in France learnt Maghrebi usage (1, 2, 3 rather than ١, ٢, ٣).
  // Months as the Maghreb names them (CLDR ar-DZ: جانفي, فيفري, أفريل…), as the households who read
  // Arabic in France mostly do, not the Mashriq's يناير, فبراير, أبريل.
  ar: { intl: 'ar-u-nu-latn', dateIntl: 'ar-DZ-u-nu-latn', i18next: 'ar', direction: 'rtl', label: 'العربية' },
  es: { intl: 'es-ES', i18next: 'es', direction: 'ltr', label: 'Español' },
  pt: { intl: 'pt-PT', i18next: 'pt', direction: 'ltr', label: 'Português' },
  ro: { intl: 'ro-RO', i18next: 'ro', direction: 'ltr', label: 'Română' },
  tr: { intl: 'tr-TR', i18next: 'tr', direction: 'ltr', label: 'Türkçe' },
};

export function isTemplateKey(v: string): v is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(v);
}
export function isChannel(v: string): v is Channel {
  return (CHANNELS as readonly string[]).includes(v);
}
export function isLocale(v: string): v is Locale {
  return (LOCALES as readonly string[]).includes(v);
}
export function isTone(v: string): v is Tone {
  return (TONES as readonly string[]).includes(v);
}
export function isLength(v: string): v is Length {
  return (LENGTHS as readonly string[]).includes(v);
}
