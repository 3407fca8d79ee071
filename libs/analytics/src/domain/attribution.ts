import { PARTNER_OUTCOME_KINDS, RESPONSE_KINDS, ResponseKind } from '@unisson/vocabulary';

/**
 * Attribution: which messages preceded a response. A message "touches" a response of the same
 * household that comes within its purpose's response window after it; last touch is the latest
 * such message (or the message the response names, when it names one), first touch the earliest.
 */
export const DEFAULT_RESPONSE_WINDOW_DAYS = 14;

/** Purposes whose answer is expected later than a fortnight (a hearing, a social worker's appointment). */
export const RESPONSE_WINDOW_DAYS_BY_PURPOSE: Readonly<Record<string, number>> = {
  rappelImpaye: 14,
  offreTravailleurSocialBailleur: 30,
  offreTravailleurSocialCaf: 30,
  offreServiceSocialCommandement: 30,
  saisineCcapexInformation: 30,
  lettrePreventionCcapex: 45,
  propositionEntretienDiagnostic: 45,
  rappelAudience: 60,
  aideJuridictionnelle: 60,
};

/** Outcomes partners report weeks after the message (DSF done, hearing attended…): counted within this many days. */
export const PARTNER_OUTCOME_WINDOW_DAYS = 90;

const PARTNER_OUTCOMES: ReadonlySet<ResponseKind> = new Set<ResponseKind>(PARTNER_OUTCOME_KINDS);

/** The outcomes a partner may report through the API (a subset of the vocabulary's kinds). */
export const REPORTABLE_OUTCOMES = RESPONSE_KINDS.filter((k) => PARTNER_OUTCOMES.has(k));

export function isPartnerOutcome(kind: string): boolean {
  return PARTNER_OUTCOMES.has(kind as ResponseKind);
}

export function responseWindowDays(purpose: string, kind: string): number {
  const purposeWindow = RESPONSE_WINDOW_DAYS_BY_PURPOSE[purpose] ?? DEFAULT_RESPONSE_WINDOW_DAYS;
  return isPartnerOutcome(kind) ? Math.max(purposeWindow, PARTNER_OUTCOME_WINDOW_DAYS) : purposeWindow;
}

export interface Touch {
  messageId: string;
  purpose: string;
  composedAt: Date;
}

export interface Attribution {
  lastTouch: string | null;
  firstTouch: string | null;
}

const DAY = 86_400_000;

export function attribute(response: { kind: string; occurredAt: Date; messageId: string | null }, messages: readonly Touch[]): Attribution {
  const t = response.occurredAt.getTime();
  const touching = messages
    .filter((m) => m.composedAt.getTime() <= t && t <= m.composedAt.getTime() + responseWindowDays(m.purpose, response.kind) * DAY)
    .sort((a, b) => a.composedAt.getTime() - b.composedAt.getTime());
  const named = response.messageId ? messages.find((m) => m.messageId === response.messageId) : undefined;
  return {
    lastTouch: named?.messageId ?? touching[touching.length - 1]?.messageId ?? null,
    firstTouch: touching[0]?.messageId ?? named?.messageId ?? null,
  };
}
