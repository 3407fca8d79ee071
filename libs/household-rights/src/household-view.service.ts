import { Injectable } from '@nestjs/common';
import { AccessPolicy, Action, grantedFields, Principal, projectSharedView, SharedViewField } from '@unisson/access';
import { AuditRepository } from '@unisson/audit';
import { CoordinationRepository, CoordinationService } from '@unisson/coordination';
import { HouseholdAccessFacts, HouseholdRecordsReader, HouseholdsRepository } from '@unisson/households';
import { HouseholdMessagesReader } from '@unisson/messaging';
import { AccountsRepository, PartnersRepository } from '@unisson/partners';
import { buildSharedView, HouseholdFactsForView, SharedView } from './domain/shared-view';

/**
 * Reads a household for the people and systems entitled to it: the shared coordination view
 * (fields of the territory's sharing agreement) and the export of everything held on it (right
 * of access). Every read goes through the access policy; a household one may not see is a 404.
 */
@Injectable()
export class HouseholdViewService {
  constructor(
    private readonly records: HouseholdRecordsReader,
    private readonly households: HouseholdsRepository,
    private readonly coordination: CoordinationRepository,
    private readonly engine: CoordinationService,
    private readonly messages: HouseholdMessagesReader,
    private readonly partners: PartnersRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditRepository,
    private readonly policy: AccessPolicy,
  ) {}

  /** The household's access facts if the principal may do `action` on it; a 404 otherwise. */
  async authorise(actor: Principal, householdId: string, action: Action): Promise<HouseholdAccessFacts> {
    const facts = await this.records.accessFacts(householdId);
    this.policy.assertFound(actor, action, facts, (f) => ({ territory: f.territory, recordHolderPartnerIds: f.recordHolderPartnerIds }));
    return facts;
  }

  async sharedView(actor: Principal, householdId: string): Promise<{ fields: SharedViewField[]; view: SharedView }> {
    const access = await this.authorise(actor, householdId, 'household.shared_view.read');
    const fields = await this.fieldsFor(actor, access.territory);
    return { fields, view: projectSharedView(buildSharedView(await this.facts(householdId, access)), fields) };
  }

  async export(actor: Principal, householdId: string) {
    const access = await this.authorise(actor, householdId, 'household.export');
    const facts = await this.households.findFacts(householdId);
    const everything = actor.partnerId === null; // Unisson's admin answering a data-subject request
    const records = (facts?.records ?? []).filter((r) => everything || r.partnerId === actor.partnerId);
    const base = {
      exportedAt: new Date().toISOString(),
      householdId,
      territory: access.territory,
      scope: everything
        ? 'toutes les données détenues par Unisson'
        : 'les données de votre organisation et la vue partagée permise par l’accord de partage',
      records: records.map((r) => ({
        partnerId: r.partnerId,
        partnerRef: r.partnerRef,
        lastName: r.lastName,
        firstName: r.firstName,
        birthDate: r.birthDate,
        street: r.street,
        addressExtra: r.addressExtra,
        postalCode: r.postalCode,
        city: r.city,
        phone: r.phone,
        email: r.email,
        cafNumber: r.cafNumber,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
    if (!everything) {
      const fields = await this.fieldsFor(actor, access.territory);
      return { ...base, sharedView: projectSharedView(buildSharedView(await this.facts(householdId, access)), fields) };
    }
    const [state, plan, messages, responses, accessLog] = await Promise.all([
      this.coordination.loadCoordinationState(householdId),
      this.coordination.findPlan(householdId),
      this.messages.messages(householdId),
      this.messages.responses(householdId),
      this.audit.find({ householdId, limit: 1000 }),
    ]);
    return {
      ...base,
      preferredLocale: facts?.household.preferredLocale ?? null,
      procedure: facts?.procedure
        ? {
            stage: facts.procedure.stage,
            housingSector: facts.procedure.housingSector,
            debtAmount: facts.procedure.debtCents / 100,
            firstUnpaidOn: facts.procedure.firstUnpaidOn,
            hearingAt: facts.procedure.hearingAt?.toISOString() ?? null,
            hearingPlace: facts.procedure.hearingPlace,
            openedAt: facts.procedure.openedAt.toISOString(),
          }
        : null,
      optOuts: await this.records.optOutChannels(householdId),
      intents: state.intents.map((i) => ({
        partnerId: i.partnerId,
        partnerKind: i.partnerKind,
        stage: i.stage,
        purpose: i.purpose,
        createdAt: i.createdAt,
      })),
      plannedContacts: (plan?.contacts ?? []).map((c) => ({
        channel: c.channel,
        purpose: c.purpose,
        notBefore: c.window.notBefore,
        status: c.status,
      })),
      messages,
      responses,
      accessLog: accessLog.map((e) => ({
        at: e.at,
        actorType: e.actorType,
        actorPartnerId: e.actorPartnerId,
        action: e.action,
        outcome: e.outcome,
      })),
    };
  }

  private async fieldsFor(actor: Principal, territory: string): Promise<SharedViewField[]> {
    if (!actor.partnerKind) return grantedFields(null);
    const agreement = await this.accounts.findAgreement(territory, actor.partnerKind);
    return grantedFields(agreement?.fields ?? null);
  }

  private async facts(householdId: string, access: HouseholdAccessFacts): Promise<HouseholdFactsForView> {
    const [facts, plan, responses, state, reachable] = await Promise.all([
      this.households.findFacts(householdId),
      this.coordination.findPlan(householdId),
      this.messages.responses(householdId),
      this.coordination.loadCoordinationState(householdId),
      this.engine.reachableChannels(householdId),
    ]);
    const partnerIds = [...new Set([...access.recordHolderPartnerIds, ...state.intents.map((i) => i.partnerId)])];
    const kinds = (await this.partners.findPartnersByIds(partnerIds)).map((p) => p.kind);
    return {
      territory: access.territory,
      records: (facts?.records ?? []).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
      procedure: facts?.procedure
        ? {
            stage: facts.procedure.stage,
            housingSector: facts.procedure.housingSector,
            debtCents: facts.procedure.debtCents,
            hearingAt: facts.procedure.hearingAt?.toISOString() ?? null,
            hearingPlace: facts.procedure.hearingPlace,
          }
        : null,
      stageOn: facts?.stageOn ?? null,
      partnerKinds: kinds,
      plannedContacts: (plan?.contacts ?? []).map((c) => ({
        channel: c.channel,
        purpose: c.purpose,
        notBefore: c.window.notBefore,
        status: c.status,
      })),
      responses,
      optOuts: await this.records.optOutChannels(householdId),
      reachable,
    };
  }
}
