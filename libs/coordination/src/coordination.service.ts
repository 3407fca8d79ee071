/**
 * Use cases of the coordination engine: accept intents, record events and outcomes, re-plan a
 * household (load -> pure planner -> executor) and show a plan to the partners entitled to it.
 */
import { Injectable } from '@nestjs/common';
import { UnissonError } from '@unisson/platform';
import { planContacts } from './domain/contact-planner';
import type { PlanningInput } from './domain/planning-context';
import type { ContactHistoryEntry, ContactIntent, ContactPlan, HouseholdEvent } from './domain/types';
import { CoordinationRepository } from './coordination.repository';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { ExecutorClock, PlanExecutor, systemClock } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';

/** Partner kinds that coordinate prevention on their territory and may read every plan there. */
const COORDINATING_KINDS = ['etat', 'departement', 'ccapex'];

/**
 * Told of every plan applied, with each intent's partner (webhooks tell partners their intent was
 * merged). Optional: provided by the app under `PLAN_OBSERVER`.
 */
export interface PlanObserver {
  planApplied(plan: ContactPlan, intentPartners: ReadonlyMap<string, string>): Promise<void>;
}
export const PLAN_OBSERVER = Symbol('PLAN_OBSERVER');

export interface PlanReader {
  partnerId: string;
  partnerKind: string;
  territory: string;
}

@Injectable()
export class CoordinationService {
  constructor(
    private readonly repository: CoordinationRepository,
    private readonly snapshots: HouseholdSnapshotRepository,
    private readonly executor: PlanExecutor,
    private readonly catalog: PlaybookCatalog,
    private readonly clock: ExecutorClock = systemClock,
    private readonly observer: PlanObserver | null = null,
  ) {}

  /** Builds the planner's input from the database; null when nothing is open for the household. */
  async planningInput(householdId: string): Promise<PlanningInput | null> {
    const [snapshot, state] = await Promise.all([
      this.snapshots.findOpenSnapshot(householdId),
      this.repository.loadCoordinationState(householdId),
    ]);
    if (!snapshot) return null;
    const now = new Date(this.clock.now()).toISOString();
    return {
      household: snapshot.household,
      procedure: snapshot.procedure,
      intents: state.intents,
      playbook: this.catalog.forTerritory(snapshot.territory, now.slice(0, 10)),
      history: state.history,
      optOuts: snapshot.optOuts,
      events: state.events,
      now,
    };
  }

  /** Re-plans one household and applies the result (jobs added, moved or removed). */
  async replan(householdId: string): Promise<ContactPlan | null> {
    const input = await this.planningInput(householdId);
    if (!input) {
      await this.executor.cancelHousehold(householdId);
      return null;
    }
    const plan = planContacts(input);
    const intentPartners = new Map(input.intents.map((i: ContactIntent) => [i.id, i.partnerId]));
    await this.executor.applyPlans([plan], intentPartners);
    await this.observer?.planApplied(plan, intentPartners);
    return plan;
  }

  async postIntents(householdId: string, intents: Parameters<CoordinationRepository['insertIntents']>[1]): Promise<ContactPlan | null> {
    await this.repository.insertIntents(householdId, intents);
    return this.replan(householdId);
  }

  async recordEvent(householdId: string, event: HouseholdEvent): Promise<ContactPlan | null> {
    await this.repository.insertEvent(householdId, event);
    return this.replan(householdId);
  }

  /** Household matching found two households to be one: merge the engine's data, then re-plan. */
  async mergeHouseholds(from: string, into: string): Promise<ContactPlan | null> {
    await this.executor.mergeHousehold(from, into);
    await this.replan(from);
    return this.replan(into);
  }

  /** Messaging reports a delivery outcome; answers and returned mail change the plan. */
  async recordOutcome(contactKey: string, outcome: ContactHistoryEntry['outcome']): Promise<void> {
    const householdId = await this.repository.recordOutcome(contactKey, outcome);
    if (householdId && (outcome === 'npai' || outcome === 'responded' || outcome === 'undelivered' || outcome === 'refused')) {
      await this.replan(householdId);
    }
  }

  /** The stored plan, if the reader is entitled: named in it, or coordinating on its territory. */
  async planFor(householdId: string, reader: PlanReader) {
    const found = await this.repository.findPlan(householdId);
    const plan = found?.plan;
    const entitled =
      plan &&
      plan.territory === reader.territory &&
      (COORDINATING_KINDS.includes(reader.partnerKind) || (plan.partner_ids as string[]).includes(reader.partnerId));
    if (!found || !entitled) throw UnissonError.notFound('The contact plan of this household');
    return {
      householdId,
      procedureId: plan.procedure_id as string,
      stage: plan.stage as string,
      territory: plan.territory as string,
      playbookVersion: plan.playbook_version as string,
      timeZone: plan.time_zone as string,
      plannedAt: new Date(plan.planned_at).toISOString(),
      contacts: found.contacts
        .filter((c) => c.status !== 'cancelled')
        .map(({ planId: _planId, householdId: _householdId, ...contact }) => contact),
      trace: plan.trace,
    };
  }
}
