import { actorOf, Principal } from '@unisson/access';

export const AUDIT_OUTCOMES = ['success', 'denied', 'not_found', 'invalid', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What one entry says: who, what, on which resource, with what outcome. Identifiers only. */
export interface AuditRecord {
  actor: Principal | null;
  action: string;
  subjectType: string;
  subjectId: string;
  householdId?: string | null;
  outcome: AuditOutcome;
  /** Names of fields read or changed, never their values. */
  fields?: readonly string[];
  correlationId?: string | null;
}

/** The row to insert. */
export function auditRow(record: AuditRecord) {
  const actor = actorOf(record.actor);
  return {
    actorType: actor.actorType,
    actorId: actor.actorId,
    actorPartnerId: actor.partnerId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId.slice(0, 200),
    householdId: record.householdId ?? null,
    outcome: record.outcome,
    fields: record.fields?.length ? [...record.fields] : null,
    correlationId: record.correlationId ?? null,
  };
}

/** The outcome an HTTP error status stands for. */
export function outcomeOfStatus(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'invalid';
  return 'failed';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A household id only when it is one (a guessed, malformed id is not written as a household). */
export function householdIdOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}
