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
import { COORDINATION_CLOCK, ExecutorClock, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdsRepository } from '@unisson/households';
import { UnissonError } from '@unisson/platform';
import { departementOfPostalCode } from '@unisson/vocabulary';
import { mayReportByIdentity, Reporter, worksOn } from './domain/reporting-authority';
import type { PartnerSubmission } from './entities/partner-submission.entity';

export type { Reporter } from './domain/reporting-authority';

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

  /** At the API, before anything is stored: a 404 unless the partner may report this. */
  async assertMayReport(reporter: Reporter, kind: PartnerSubmission['kind'], payload: object): Promise<void> {
    if (!(await this.mayReport(this.dataSource.manager, reporter, kind, payload, true))) {
      // The one sentence of every 404: what leads to it is documented with the route (OpenAPI),
      // since a hint chosen by the case would have to guess which condition failed.
      throw UnissonError.notFound();
    }
  }

  /**
   * Whether the partner may report this about the household it names. `acceptPending`: a
   * submission of the same partner naming the same reference is still waiting for the worker
   * (an alert just posted): the worker decides again once it is recorded.
   */
  async mayReport(
    manager: EntityManager,
    reporter: Reporter,
    kind: PartnerSubmission['kind'],
    payload: object,
    acceptPending = false,
  ): Promise<boolean> {
    const named = payload as NamedHousehold;
    const partnerRef = typeof named.partnerRef === 'string' ? named.partnerRef : '';
    const record = await this.households.findRecordByRef(manager, reporter.partnerId, partnerRef);
    if (record?.householdId) {
      return worksOn(reporter, await this.households.territoryOf(manager, record.householdId));
    }
    if (acceptPending && (await this.hasPendingSubmission(manager, reporter.partnerId, partnerRef))) return true;
    if (kind === 'intent') return false;
    const postalCode = typeof named.address?.postalCode === 'string' ? named.address.postalCode : null;
    const departement = postalCode ? departementOfPostalCode(postalCode) : null;
    if (!departement || !worksOn(reporter, departement)) return false;
    const event = kind === 'alert' ? 'premier_impaye' : String(named.type);
    // The household's département says who may report there, whichever the partner's home is.
    const playbook = this.playbooks.forTerritory(departement, new Date(this.clock.now()).toISOString().slice(0, 10));
    return mayReportByIdentity(reporter, departement, playbook.stageEventReporters[event] ?? []);
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
