/**
 * A response link: what a letter, an e-mail, an SMS or the shared notice carries so that the
 * household can answer on its page. Pure rules: who a link is for, how long it lives, and which
 * earlier link the same request gives back.
 */
export const NOTICE_PURPOSE = 'notice';
const DAY_MS = 24 * 3600_000;

export interface IssueLinkRequest {
  /** The household the link is for; only a shared notice for a stage and territory may go without. */
  householdId?: string | null;
  /** The outbound message carrying the link: issuing twice for one message gives the same link. */
  messageId?: string | null;
  plannedContactKey?: string | null;
  /** The playbook purpose of the message, or `notice` for the shared notice. */
  purpose: string;
  /** The language the page opens in (the household may change it there). */
  locale: string;
  /** Default: the configured lifetime (120 days) from now. */
  expiresAt?: Date | null;
  /** Shared notice: the procedure stage and territory it was fetched for. */
  stage?: string | null;
  territory?: string | null;
  /** Shared notice: the partner (a commissaire de justice…) that fetched it. */
  partnerId?: string | null;
}

export interface IssuedLink {
  token: string;
  url: string;
  /** Canonical tracking code (`XXXXXXXXC`). */
  shortCode: string;
  /** As printed: `XXXX-XXXX-C`. */
  shortCodeDisplay: string;
  expiresAt: Date;
}

/** What the page and the operators read about a link. */
export interface ResponseLinkView {
  id: string;
  householdId: string | null;
  messageId: string | null;
  plannedContactKey: string | null;
  purpose: string;
  locale: string;
  stage: string | null;
  territory: string | null;
  partnerId: string | null;
  shortCode: string;
  expiresAt: Date;
  createdAt: Date;
  /** Whether it comes from the shared notice (its visits are responses attributed to the notice). */
  viaNotice: boolean;
}

export type LinkRequestProblem = { field: string; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The problems of a request to issue a link (field named), none when it can be issued. */
export function linkRequestProblems(request: IssueLinkRequest, now: Date): LinkRequestProblem[] {
  const problems: LinkRequestProblem[] = [];
  const notice = request.purpose === NOTICE_PURPOSE;
  if (request.householdId != null && !UUID.test(request.householdId)) problems.push({ field: 'householdId', message: 'doit être un UUID' });
  if (request.householdId == null && !notice)
    problems.push({ field: 'householdId', message: 'is required (only the shared notice may go without a household)' });
  if (request.messageId != null && !UUID.test(request.messageId)) problems.push({ field: 'messageId', message: 'doit être un UUID' });
  if (notice && request.messageId != null) problems.push({ field: 'messageId', message: 'the shared notice is not a message' });
  if (!/^[A-Za-z][\w-]{0,79}$/.test(request.purpose)) problems.push({ field: 'purpose', message: 'doit être un objet du playbook' });
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(request.locale))
    problems.push({ field: 'locale', message: 'doit être une langue comme fr, fr-falc ou ar' });
  if (notice && (!request.stage || !request.territory))
    problems.push({ field: request.stage ? 'territory' : 'stage', message: 'the shared notice is issued for a stage and a territory' });
  if (request.expiresAt && !(request.expiresAt.getTime() > now.getTime()))
    problems.push({ field: 'expiresAt', message: 'doit être dans le futur' });
  return problems;
}

export function linkExpiry(request: Pick<IssueLinkRequest, 'expiresAt'>, now: Date, ttlDays: number): Date {
  return request.expiresAt ?? new Date(now.getTime() + ttlDays * DAY_MS);
}

/**
 * Which earlier link the same request must give back: one per message, one per planned contact,
 * one shared-notice link per household (or per stage, territory and language when anonymous)
 * and stage. Null: a new link each time.
 */
export type LinkReuseKey =
  | { by: 'message'; messageId: string }
  | { by: 'plannedContact'; plannedContactKey: string }
  | { by: 'notice'; householdId: string | null; stage: string; territory: string; locale: string | null };

export function linkReuseKey(request: IssueLinkRequest): LinkReuseKey | null {
  if (request.messageId) return { by: 'message', messageId: request.messageId };
  if (request.plannedContactKey) return { by: 'plannedContact', plannedContactKey: request.plannedContactKey };
  if (request.purpose === NOTICE_PURPOSE && request.stage && request.territory) {
    return {
      by: 'notice',
      householdId: request.householdId ?? null,
      stage: request.stage,
      territory: request.territory,
      locale: request.householdId ? null : request.locale,
    };
  }
  return null;
}

export function isExpired(link: Pick<ResponseLinkView, 'expiresAt'>, now: Date): boolean {
  return link.expiresAt.getTime() <= now.getTime();
}
