/**
 * "A partner changes only what it holds": a stage event, an alert or an intent about a household
 * may only come from a partner that holds a record of it on one of its territories, or — for a
 * household it does not know yet, named by identity — that works on the household's département
 * and whose kind that département's playbook entitles to report that event (a commissaire de
 * justice serving a commandement de payer, the CAF reporting arrears). The rules are the pure
 * functions of `domain/reporting-authority.ts`; this class loads what they need.
 * Anything else is a 404 that says nothing of whether the person exists, and nothing is written.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { COORDINATION_CLOCK, ExecutorClock, partnerKindLabel, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdsRepository } from '@unisson/households';
import { UnissonError } from '@unisson/platform';
import { departementOfPostalCode, PartnerKind } from '@unisson/vocabulary';
import { mayReportByIdentity, Reporter, reservedToOthers, worksOn } from './domain/reporting-authority';
import type { PartnerSubmission } from './entities/partner-submission.entity';

export type { Reporter } from './domain/reporting-authority';

/** 422 naming `type`: the event is the act of other partners (the préfecture grants the concours de la force publique). */
function reservedEventError(type: string, kinds: readonly string[]): UnissonError {
  const who = kinds.map((k) => partnerKindLabel(k as PartnerKind)).join(' ou ');
  return new UnissonError(
    'STAGE_EVENT_RESERVED',
    `type : « ${type} » ne peut être signalé que par : ${who}. Votre organisation ne peut pas le signaler, même pour un foyer dont elle détient la fiche ; rien n’a été enregistré.`,
    422,
    [{ field: 'type', message: `réservé à : ${who}` }],
  );
}

interface NamedHousehold {
  partnerRef?: unknown;
  type?: unknown;
  address?: { postalCode?: unknown };
}

@Injectable()
export class SubmissionAuthority {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdsRepository,
    private readonly playbooks: PlaybookCatalog,
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
  ) {}

  /**
   * At the API, before anything is stored: a 404 unless the partner may report this about the
   * household; then a 422 naming `type` when the event is reserved to other partner kinds (the
   * playbook's rule, not a fact about the household: it tells nothing of who is followed).
   */
  async assertMayReport(reporter: Reporter, kind: PartnerSubmission['kind'], payload: object): Promise<void> {
    const found = await this.authorityOver(this.dataSource.manager, reporter, kind, payload, true);
    if (!found.allowed) {
      // The one sentence of every 404: what leads to it is documented with the route (OpenAPI),
      // since a hint chosen by the case would have to guess which condition failed.
      throw UnissonError.notFound();
    }
    const reservedTo = this.reservedTo(reporter, kind, payload, found.departement);
    if (reservedTo) throw reservedEventError(String((payload as NamedHousehold).type), reservedTo);
  }

  /**
   * A bulk upload's alert row at reception, decided as `POST /v1/alerts` decides it: false is the
   * API's 404 (nothing is stored for the row). A row the partner may report by identity (its
   * address in one of its départements) is taken without reading the database, the worker
   * decides again; only the others are looked up, as the API looks them up.
   */
  async mayReportAlertRow(reporter: Reporter, alert: object): Promise<boolean> {
    const postalCode = (alert as NamedHousehold).address?.postalCode;
    const departement = typeof postalCode === 'string' ? departementOfPostalCode(postalCode) : null;
    if (departement && worksOn(reporter, departement)) {
      const playbook = this.playbooks.forTerritory(departement, this.today());
      if (mayReportByIdentity(reporter, departement, playbook.stageEventReporters.premier_impaye ?? [])) return true;
    }
    return (await this.authorityOver(this.dataSource.manager, reporter, 'alert', alert, true)).allowed;
  }

  /**
   * Why the worker refuses a stored submission (null: it may be recorded). The partner may no
   * longer report about this household, or the event is reserved to other partner kinds.
   */
  async refusal(
    manager: EntityManager,
    reporter: Reporter,
    kind: PartnerSubmission['kind'],
    payload: object,
  ): Promise<'UNKNOWN_PARTNER_REF' | 'STAGE_EVENT_RESERVED' | null> {
    const found = await this.authorityOver(manager, reporter, kind, payload, false);
    if (!found.allowed) return 'UNKNOWN_PARTNER_REF';
    return this.reservedTo(reporter, kind, payload, found.departement) ? 'STAGE_EVENT_RESERVED' : null;
  }

  /**
   * Whether the partner may report this about the household it names, and the household's
   * département (its territory, or its address's). `acceptPending`: a submission of the same
   * partner naming the same reference is still waiting for the worker (an alert just posted):
   * the worker decides again once it is recorded.
   */
  private async authorityOver(
    manager: EntityManager,
    reporter: Reporter,
    kind: PartnerSubmission['kind'],
    payload: object,
    acceptPending: boolean,
  ): Promise<{ allowed: boolean; departement: string | null }> {
    const named = payload as NamedHousehold;
    const partnerRef = typeof named.partnerRef === 'string' ? named.partnerRef : '';
    const postalCode = typeof named.address?.postalCode === 'string' ? named.address.postalCode : null;
    const addressed = postalCode ? departementOfPostalCode(postalCode) : null;
    const record = await this.households.findRecordByRef(manager, reporter.partnerId, partnerRef);
    if (record?.householdId) {
      const territory = await this.households.territoryOf(manager, record.householdId);
      return { allowed: worksOn(reporter, territory), departement: territory };
    }
    if (acceptPending && (await this.hasPendingSubmission(manager, reporter.partnerId, partnerRef)))
      // The pending report's household is not made yet: its département is the one this report names, else the partner's home.
      return { allowed: true, departement: addressed ?? reporter.territories[0] ?? null };
    if (kind === 'intent') return { allowed: false, departement: null };
    if (!addressed || !worksOn(reporter, addressed)) return { allowed: false, departement: null };
    const event = kind === 'alert' ? 'premier_impaye' : String(named.type);
    // The household's département says who may report there, whichever the partner's home is.
    const playbook = this.playbooks.forTerritory(addressed, this.today());
    return { allowed: mayReportByIdentity(reporter, addressed, playbook.stageEventReporters[event] ?? []), departement: addressed };
  }

  /** The partner kinds this stage event is reserved to, when the reporter is not one of them (the département's playbook). */
  private reservedTo(
    reporter: Reporter,
    kind: PartnerSubmission['kind'],
    payload: object,
    departement: string | null,
  ): readonly string[] | null {
    if (kind !== 'stage_event' || !departement) return null;
    const reserved = this.playbooks.forTerritory(departement, this.today()).reservedStageEvents;
    return reservedToOthers(reporter, String((payload as NamedHousehold).type), reserved);
  }

  private today(): string {
    return new Date(this.clock.now()).toISOString().slice(0, 10);
  }

  private async hasPendingSubmission(manager: EntityManager, partnerId: string, partnerRef: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM partner_submission WHERE processed_at IS NULL AND partner_id = $1 AND kind IN ('alert', 'stage_event')
         AND payload->>'partnerRef' = $2 LIMIT 1`,
      [partnerId, partnerRef],
    );
    return rows.length > 0;
  }
}
