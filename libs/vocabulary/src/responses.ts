/**
 * What a household (or a partner, about a household) answered, and through what: one list,
 * imported by every capability that records a response (SMS replies, the response page, call and
 * visit outcomes, returned letters, bounces, outcomes reported by partners) and by analytics.
 */
export const RESPONSE_SOURCES = [
  'sms',
  'voice',
  'email',
  'letter',
  'response_page',
  'notice',
  'call_task',
  'visit_task',
  'partner',
] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/** What partners report about a household, weeks after a message (DSF, hearing, plan, FSL, departure). */
export const PARTNER_OUTCOME_KINDS = [
  'dsf_appointment_booked',
  'dsf_done',
  'present_at_hearing',
  'repayment_plan_agreed',
  'debt_cleared',
  'fsl_granted',
  'moved_out',
  'evicted',
] as const;

export const RESPONSE_KINDS = [
  // The household itself answered.
  'sms_replied',
  'callback_requested',
  'link_visited',
  'said_paid',
  'said_repayment_plan',
  'channel_chosen',
  'language_chosen',
  'call_reached',
  'visit_met',
  // A contact attempt that did not reach the household.
  'call_no_answer',
  'call_voicemail',
  'call_wrong_number',
  'call_refused',
  'visit_absent',
  'visit_moved',
  'visit_refused',
  'visit_note_left',
  'letter_returned',
  'email_bounced',
  // Outcomes reported by partners.
  ...PARTNER_OUTCOME_KINDS,
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** French names, as partners and analysts read them. */
export const RESPONSE_KIND_LABELS: Record<ResponseKind, string> = {
  sms_replied: 'a répondu par SMS',
  callback_requested: 'demande à être rappelé',
  link_visited: 'a ouvert le lien ou le QR code',
  said_paid: 'dit avoir payé',
  said_repayment_plan: 'dit avoir un plan d’apurement',
  channel_chosen: 'a choisi son moyen de contact',
  language_chosen: 'a choisi sa langue',
  call_reached: 'joint par téléphone',
  visit_met: 'rencontré à domicile',
  call_no_answer: 'appel sans réponse',
  call_voicemail: 'message laissé sur répondeur',
  call_wrong_number: 'mauvais numéro',
  call_refused: 'a refusé l’échange au téléphone',
  visit_absent: 'absent lors de la visite',
  visit_moved: 'a déménagé (constaté en visite)',
  visit_refused: 'a refusé la visite',
  visit_note_left: 'avis de passage laissé',
  letter_returned: 'courrier revenu (NPAI)',
  email_bounced: 'courriel non distribuable',
  dsf_appointment_booked: 'rendez-vous DSF pris',
  dsf_done: 'DSF réalisé',
  present_at_hearing: 'présent à l’audience',
  repayment_plan_agreed: 'plan d’apurement signé',
  debt_cleared: 'dette soldée',
  fsl_granted: 'aide FSL accordée',
  moved_out: 'a quitté le logement',
  evicted: 'expulsé',
};

/** Kinds in which the household itself took part: they count as "the household responded". */
const HOUSEHOLD_ANSWERS: ReadonlySet<ResponseKind> = new Set<ResponseKind>([
  'sms_replied',
  'callback_requested',
  'link_visited',
  'said_paid',
  'said_repayment_plan',
  'channel_chosen',
  'language_chosen',
  'call_reached',
  'visit_met',
  'call_refused',
  'visit_refused',
  'dsf_appointment_booked',
  'dsf_done',
  'present_at_hearing',
  'repayment_plan_agreed',
]);

export function isHouseholdAnswer(kind: ResponseKind): boolean {
  return HOUSEHOLD_ANSWERS.has(kind);
}

export function isResponseKind(value: string): value is ResponseKind {
  return (RESPONSE_KINDS as readonly string[]).includes(value);
}

export function isResponseSource(value: string): value is ResponseSource {
  return (RESPONSE_SOURCES as readonly string[]).includes(value);
}
