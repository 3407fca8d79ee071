import { isPublicHost } from './public-address';

/**
 * Events Unisson tells partners about, through their webhook endpoints. Identifiers and facts
 * only: the partner recognises its household by its own reference (`partnerRef`).
 */
export const PARTNER_EVENT_TYPES = [
  'household.responded',
  'household.opted_out',
  'intent.merged',
  'letter.returned',
  'webhook.test',
] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];

export const PARTNER_EVENT_LABELS: Record<PartnerEventType, string> = {
  'household.responded': 'Le foyer a répondu (SMS, appel, rendez-vous…)',
  'household.opted_out': 'Le foyer s’oppose à un canal (STOP)',
  'intent.merged': 'Votre demande a été fusionnée avec celles d’autres partenaires',
  'letter.returned': 'Un courrier est revenu (NPAI…)',
  'webhook.test': 'Essai de votre adresse',
};

export type EventFacts = Record<string, string | number | boolean | null | string[]>;

/** What a capability hands to `PartnerNotifier.notifyPartner`. */
export interface PartnerEvent {
  type: PartnerEventType;
  /**
   * Stable id of the event (`sms:<provider id>`, `intent:<intent id>`, `letter:<id>:returned`):
   * notifying the same event twice delivers it once.
   */
  eventId: string;
  householdId: string;
  /** Who to tell; when absent, every partner holding a record of the household. */
  partnerIds?: readonly string[];
  occurredAt: string;
  facts: EventFacts;
}

/** The JSON body a partner receives. */
export interface WebhookBody {
  id: string;
  type: PartnerEventType;
  occurredAt: string;
  householdId: string;
  /** The recipient's own reference for this household (null when it holds no record). */
  partnerRef: string | null;
  data: EventFacts;
}

export function webhookBody(event: PartnerEvent, partnerRef: string | null): WebhookBody {
  return {
    id: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    householdId: event.householdId,
    partnerRef,
    data: event.facts,
  };
}

/** Why a URL may not receive webhooks (French), or null. In production: HTTPS to a public host only (see isPublicHost). */
export function endpointUrlProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'doit être une URL complète, ex. https://partenaire.example.org/unisson';
  }
  if (url.username || url.password) return 'ne doit pas contenir d’identifiant ni de mot de passe';
  if (!production) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'doit commencer par https://';
  if (url.protocol !== 'https:') return 'doit commencer par https://';
  // Pure check of the URL's host; the delivery also checks every address a name resolves to.
  return isPublicHost(url.hostname) ? null : 'doit viser une adresse publique (pas le réseau interne)';
}

/** Intents that the plan merged with another partner's: the trace names them together. */
export function mergedIntentIds(trace: ReadonlyArray<{ code: string; intentIds: readonly string[] }>): Map<string, string> {
  const merged = new Map<string, string>();
  for (const entry of trace) {
    if ((entry.code === 'merged' || entry.code === 'stageLetterMerged' || entry.code === 'attachedToLegal') && entry.intentIds.length > 1) {
      for (const id of entry.intentIds) if (!merged.has(id)) merged.set(id, entry.code);
    }
  }
  return merged;
}
