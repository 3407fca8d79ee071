import type { PartnerKind } from '@unisson/vocabulary';

const LANDLORD_KINDS: ReadonlySet<PartnerKind> = new Set(['bailleur_social', 'bailleur_prive']);

/**
 * The partner a procedure names as its landlord (`landlord_partner_id`): the partner that opened
 * it, until a landlord reports on it when the opener was not one (a CAF report, a commissaire's
 * assignation first): then the landlord is adopted, so that its letters (decision 0022) and its
 * view of the plan follow. A landlord, once named, is never replaced.
 */
export function procedureLandlordId(
  current: { id: string; kind: PartnerKind | null } | null,
  reporter: { id: string; kind: PartnerKind },
): string {
  if (!current) return reporter.id;
  if (current.kind && LANDLORD_KINDS.has(current.kind)) return current.id;
  return LANDLORD_KINDS.has(reporter.kind) ? reporter.id : current.id;
}

/**
 * Whether what a report says of the lease (rent, debt, housing sector, lease date) becomes the
 * procedure's: from the procedure's own landlord, or from a partner that is not a landlord (the
 * CAF's arrears report, a commissaire's act state the debt too). Another landlord naming the
 * household keeps its figures to its own record and report: it does not rewrite the debt every
 * partner sees.
 */
export function statesLeaseFacts(procedureLandlordId: string, reporter: { id: string; kind: PartnerKind }): boolean {
  return reporter.id === procedureLandlordId || !LANDLORD_KINDS.has(reporter.kind);
}
