/**
 * Use cases of the coordination engine: accept intents, record events and outcomes, re-plan a
 * household (load -> pure planner -> executor) and show a plan to the partners entitled to it.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AccessPolicy, type Principal } from '@unisson/access';
import { dayOfIsoDate, timeZoneOfTerritory, zoneClock } from './domain/calendar';
import { planContacts } from './domain/contact-planner';
import { contactState } from './domain/contact-state';
import type { PlanningInput } from './domain/planning-context';
import { callbackState, PlanCallbackSource, replacedByCallback } from './domain/plan-callbacks';
import type { ContactHistoryEntry, ContactIntent, ContactPlan, HouseholdEvent, ReachableChannels } from './domain/types';
import { CoordinationRepository } from './coordination.repository';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { ExecutorClock, PlanExecutor, systemClock } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';

/**
 * Told of every plan applied, with each intent's partner (webhooks tell partners their intent was
 * merged). Optional: provided by the app under `PLAN_OBSERVER`.
 */
export interface PlanObserver {
  planApplied(plan: ContactPlan, intentPartners: ReadonlyMap<string, string>): Promise<void>;
}
export const PLAN_OBSERVER = Symbol('PLAN_OBSERVER');
/** An intent as a partner posts it: the deadline, if any, is a civil date. */
export type IntentToPlan = Omit<ContactIntent, 'id' | 'createdAt' | 'deadline'> & { idempotencyKey: string; deadlineOn: string | null };

@Injectable()
export class CoordinationService {
  private readonly logger = new Logger('CoordinationService');
  /** The one access policy (libs/access): pure, no state. */
  private readonly policy: AccessPolicy = new AccessPolicy();

  constructor(
    private readonly repository: CoordinationRepository,
    private readonly snapshots: HouseholdSnapshotRepository,
    private readonly executor: PlanExecutor,
    private readonly catalog: PlaybookCatalog,
    private readonly clock: ExecutorClock = systemClock,
    private readonly observer: PlanObserver | null = null,
    /** The call-backs households asked for (the tasks capability); none shown without it. */
    private readonly callbacks: PlanCallbackSource | null = null,
  ) {}

  /** Builds the planner's input from the database; null when the household has no procedure (or no playbook applies). */
  async planningInput(householdId: string): Promise<PlanningInput | null> {
    const [snapshot, state] = await Promise.all([
      this.snapshots.findSnapshot(householdId),
      this.repository.loadCoordinationState(householdId),
    ]);
    if (!snapshot) return null;
    const now = new Date(this.clock.now()).toISOString();
    let playbook;
    try {
      playbook = this.catalog.forTerritory(snapshot.territory, now.slice(0, 10));
    } catch (error) {
      this.logger.warn({ territory: snapshot.territory, err: String(error) }, 'no playbook applies: nothing planned');
      return null;
    }
    return {
      household: snapshot.household,
      procedure: snapshot.procedure,
      intents: state.intents,
      playbook,
      history: state.history,
      optOuts: snapshot.optOuts,
      events: [...snapshot.events, ...state.events],
      partners: snapshot.partners,
      now,
    };
  }

  /**
   * Which channels reach the household as the planner sees them: a mobile number nobody found
   * wrong, an e-mail address that did not bounce, an address no letter came back from, any phone
   * for a spoken message. Null when the household has no procedure.
   */
  async reachableChannels(householdId: string): Promise<ReachableChannels | null> {
    const snapshot = await this.snapshots.findSnapshot(householdId);
    if (!snapshot) return null;
    const h = snapshot.household;
    return { sms: h.hasMobilePhone, email: h.hasEmail, letter: h.postalAddressValid, voice: h.hasPhone ?? h.hasMobilePhone };
  }

  /** Re-plans one household and applies the result (jobs added, moved or removed). */
  async replan(householdId: string): Promise<ContactPlan | null> {
    const input = await this.planningInput(householdId);
    if (!input) {
      await this.executor.cancelHousehold(householdId, "Le ménage n'a plus de procédure suivie par Unisson.");
      return null;
    }
    const plan = planContacts(input);
    const intentPartners = new Map(input.intents.map((i: ContactIntent) => [i.id, i.partnerId]));
    await this.executor.applyPlans([plan], intentPartners);
    await this.observer?.planApplied(plan, intentPartners);
    return plan;
  }

  /**
   * Stores partners' intents and re-plans. A deadline given as a civil date means "by the end of
   * that day" in the household's time zone (overseas départements included).
   */
  async postIntents(householdId: string, intents: readonly IntentToPlan[]): Promise<ContactPlan | null> {
    const { territory } = await this.snapshots.findRecordHolders(householdId);
    const clock = zoneClock(timeZoneOfTerritory(territory ?? 'FR'));
    await this.repository.insertIntents(
      householdId,
      intents.map(({ deadlineOn, ...intent }) => ({
        ...intent,
        deadline: deadlineOn ? new Date(clock.at(dayOfIsoDate(deadlineOn) + 1, 0) - 1).toISOString() : null,
      })),
    );
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

  /**
   * A delivery status notification said the household's e-mail address does not exist: no
   * partner's e-mail is planned to it again (the next re-plan takes the playbook's next channel).
   */
  async markEmailInvalid(householdId: string, address: string): Promise<void> {
    await this.snapshots.markEmailInvalid(householdId, address);
  }

  /**
   * A caller found the household's number wrong: no partner's SMS, call or spoken message is
   * planned to it again (the next re-plan takes the playbook's next channel).
   */
  async markPhoneInvalid(householdId: string, e164: string, contactKey: string | null = null): Promise<void> {
    await this.snapshots.markPhoneInvalid(householdId, e164, contactKey);
  }

  /** Whether a caller found this number of the household wrong. */
  phoneMarkedInvalid(householdId: string, e164: string): Promise<boolean> {
    return this.snapshots.phoneMarkedInvalid(householdId, e164);
  }

  /**
   * Messaging (or the letter service) reports a delivery outcome. A letter returned NPAI, or a
   * visit that found the household moved, marks the household's address invalid for every partner
   * when the playbook says so; answers, failures and returned mail change the plan.
   */
  async recordOutcome(contactKey: string, outcome: ContactHistoryEntry['outcome']): Promise<void> {
    const contact = await this.repository.recordOutcome(contactKey, outcome);
    if (!contact) return;
    if (outcome === 'npai' && (contact.channel === 'letter' || contact.channel === 'homeVisit')) {
      const input = await this.planningInput(contact.householdId);
      const toLandlord = input?.playbook.purposes.some((p) => p.id === contact.purpose && p.addressee === 'landlord');
      // A letter to the private landlord that came back says where the landlord does not live, not the household.
      if (toLandlord) await this.snapshots.markLandlordAddressReturned(contact.householdId, contactKey);
      else if (input?.playbook.escalation.npai.markAddressInvalid)
        await this.snapshots.markCurrentAddressReturned(contact.householdId, contactKey);
    }
    if (['npai', 'responded', 'undelivered', 'failed', 'refused'].includes(outcome)) await this.replan(contact.householdId);
  }

  /**
   * The stored plan, if the access policy lets the reader see it (`household.plan.read`: on one of
   * its territories, and coordinating there, named in the plan, or holding a record of the
   * household — the landlord that sent the alert keeps seeing it when the case moves on). Anything
   * else is the same 404 as an unknown household. Every contact shows what became of it.
   */
  async planFor(householdId: string, reader: Principal) {
    const [found, holders, callbacks] = await Promise.all([
      this.repository.findPlan(householdId),
      this.snapshots.findRecordHolders(householdId),
      this.callbacks?.callbacksOf(householdId) ?? Promise.resolve([]),
    ]);
    // No plan, or one the reader may not see: the same 404.
    this.policy.assertFound(reader, 'household.plan.read', found, ({ plan }) => ({
      territory: plan.territory as string,
      recordHolderPartnerIds: [...(plan.partner_ids as string[]), ...holders.partnerIds],
    }));
    const plan = found.plan;
    const clock = zoneClock(plan.time_zone as string);
    const partners = await this.snapshots.findPartners(plan.territory as string);
    const nameOf = (id: string) => partners.find((p) => p.id === id)?.name ?? null;
    return {
      householdId,
      procedureId: plan.procedure_id as string,
      stage: plan.stage as string,
      territory: plan.territory as string,
      playbookVersion: plan.playbook_version as string,
      timeZone: plan.time_zone as string,
      plannedAt: new Date(plan.planned_at).toISOString(),
      contacts: [
        ...replacedByCallback(
          found.contacts.map(({ planId: _planId, householdId: _householdId, cancelReason, outcome, handedOffAt, ...contact }) => ({
            ...contact,
            leadPartnerName: nameOf(contact.leadPartnerId),
            ...contactState(
              { channel: contact.channel, status: contact.status, outcome, cancelReason, handedOffAt, notBefore: contact.window.notBefore },
              clock,
            ),
          })),
          callbacks,
        ),
        // The call-backs the household asked for: call tasks of the team that calls it (decision 0031).
        ...callbacks.map((c) => ({
          key: `callback:${c.taskId}`,
          status: (c.taskState === 'cancelled' ? 'cancelled' : 'handedOff') as 'cancelled' | 'handedOff',
          channel: 'call' as const,
          purpose: 'rappelDemande',
          purposes: ['rappelDemande'],
          legal: false,
          stage: plan.stage as string,
          step: 0,
          onlyIfNoResponse: false,
          leadPartnerId: c.partnerId,
          coSigningPartnerIds: [],
          callbackPhone: null,
          window: { notBefore: c.notBefore, notAfter: null },
          variantSlot: 0,
          absorbedIntentIds: [],
          reasons: [c.reason],
          leadPartnerName: nameOf(c.partnerId),
          ...callbackState(c),
        })),
      ],
      trace: plan.trace,
    };
  }
}
