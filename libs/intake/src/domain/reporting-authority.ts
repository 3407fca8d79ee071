/**
 * "A partner changes only what it holds", as pure rules: which households a partner may report
 * about. A partner works on every département of its `territories` (the home one is only the
 * first): a landlord with homes in Moselle, Corse and Mayotte reports its tenants in all three.
 */
import { isDepartement } from '@unisson/vocabulary';

/** Who reports: a partner, its kind and every département it works on (its home one first). */
export interface Reporter {
  partnerId: string;
  partnerKind: string;
  territories: readonly string[];
}

/** Whether the partner works on this département: any of its territories, not only its home one. */
export function worksOn(reporter: Pick<Reporter, 'territories'>, departement: string | null | undefined): boolean {
  return typeof departement === 'string' && isDepartement(departement) && reporter.territories.includes(departement);
}

/**
 * A household the partner holds no record of, named by identity: only from a département the
 * partner works on, and only by a kind that département's playbook entitles to report the event
 * (`entitledKinds`: its `stageEventReporters` for that event).
 */
export function mayReportByIdentity(reporter: Reporter, departement: string | null, entitledKinds: readonly string[]): boolean {
  return worksOn(reporter, departement) && entitledKinds.includes(reporter.partnerKind);
}

/**
 * The partner kinds a stage event is reserved to when this reporter is not one of them (the
 * playbook's `reservedStageEvents`: the concours de la force publique accordé comes from the
 * préfecture only), else null: the reporter may report it, by its reference as by identity.
 */
export function reservedToOthers(
  reporter: Pick<Reporter, 'partnerKind'>,
  event: string,
  reserved: Readonly<Record<string, readonly string[]>>,
): readonly string[] | null {
  const kinds = reserved[event];
  return kinds && !kinds.includes(reporter.partnerKind) ? kinds : null;
}
