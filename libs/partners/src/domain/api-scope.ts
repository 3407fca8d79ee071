/**
 * What an API key may do. Least privilege: a landlord's key posts alerts and events, an
 * analyst's key reads aggregates, nothing else. What each scope allows is in @unisson/access.
 */
export const API_SCOPES = [
  'alerts:write',
  'events:write',
  'households:read',
  'plans:read',
  'intents:write',
  'linkage:review',
  'templates:read',
  'analytics:read',
  'households:rights',
  'webhooks:manage',
  'campaigns:write',
  /** A call platform's own tools: its teams' worklists, claims and outcomes of call and visit tasks. */
  'tasks:work',
  /** Click-to-call: an agent's phone bridged to a household's, the partner's number shown. */
  'calls:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The principal attached to an authenticated request. */
export interface PartnerPrincipal {
  partnerId: string;
  partnerKind: string;
  territory: string;
  /** Every territory of the partner (the home territory first). */
  territories: readonly string[];
  keyId: string;
  scopes: readonly ApiScope[];
}
