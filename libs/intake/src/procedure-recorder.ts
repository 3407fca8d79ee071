/**
 * Records a stage event on a household's procedure (opening one if none is open) and says which
 * intents the territory's playbook prescribes when the event moved the procedure to a new stage.
 * One place for the procedure's rules: stages never go back, closing events close it where it
 * stands, dates come from the coordination clock.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { COORDINATION_CLOCK, ExecutorClock, Playbook, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdsRepository, PartnerRecord, procedureAfter } from '@unisson/households';
import { Partner, PartnersRepository } from '@unisson/partners';
import { departementOfPostalCode, HousingSector, StageEventType } from '@unisson/vocabulary';
import { statementsOn } from '@unisson/database';
import { procedureLandlordId, statesLeaseFacts } from './domain/procedure-landlord';
import { IntentToPost, stageEventIntents } from './domain/stage-event-intents';
import type { Linkage } from './household-record-linker';

export interface SubmissionOutcome {
  householdId?: string;
  procedureId?: string;
  stage?: string;
  /** Whether the procedure is closed after the event (debt cleared, moved out). */
  closed?: boolean;
  /** How the partner's record was matched to a household ('existing' when the partner already knew it). */
  linkage?: Linkage;
  /** What the coordination engine was asked to plan. */
  intents?: IntentToPost[];
  /** The event type the partner reported: all its own answer says of the procedure (domain/submitter-outcome). */
  reportedType?: StageEventType;
  error?: string;
  warning?: string;
}

/** What a stage event says about the procedure beyond its type and date. */
export interface ProcedureFacts {
  housingSector?: HousingSector;
  leaseSignedOn?: string | null;
  monthlyRentCents?: number;
  debtCents?: number;
  firstUnpaidOn?: string;
  hearing?: { at: string; place: string };
}

export interface RecordedStageEvent {
  submissionId: string;
  partner: Partner;
  record: PartnerRecord;
  linkage: Linkage;
  type: StageEventType;
  occurredOn: string;
  facts: ProcedureFacts;
}

export const euroCents = (euros: number): number => Math.round(euros * 100);

@Injectable()
export class ProcedureRecorder {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly playbooks: PlaybookCatalog,
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
  ) {}

  /** Today on the coordination calendar ('YYYY-MM-DD'). */
  today(): string {
    return new Date(this.clock.now()).toISOString().slice(0, 10);
  }

  /** The playbook in force today for a territory (the rules of the day the contacts go out), or null. */
  playbookOf(territory: string): Playbook | null {
    try {
      return this.playbooks.forTerritory(territory, this.today());
    } catch {
      return null;
    }
  }

  /** The procedure's landlord after this partner's report (the opener's kind is looked up only when a landlord reports on another's procedure). */
  private async landlordOf(manager: EntityManager, currentId: string | null, reporter: Partner): Promise<string> {
    if (!currentId || currentId === reporter.id || (reporter.kind !== 'bailleur_prive' && reporter.kind !== 'bailleur_social'))
      return currentId ?? reporter.id;
    const [current] = await this.partners.findPartnersByIds([currentId], manager);
    return procedureLandlordId({ id: currentId, kind: current?.kind ?? null }, reporter);
  }

  async record(manager: EntityManager, event: RecordedStageEvent): Promise<SubmissionOutcome> {
    const { record, partner, facts } = event;
    const householdId = record.householdId!;
    const open = await this.households.findOpenProcedure(manager, householdId);
    const after = procedureAfter(open?.stage ?? null, event.type);
    const now = new Date(this.clock.now());
    const landlordPartnerId = await this.landlordOf(manager, open?.landlordPartnerId ?? null, partner);
    // Another landlord's figures stay in its own record and report (statesLeaseFacts).
    const lease: ProcedureFacts = statesLeaseFacts(landlordPartnerId, partner) ? facts : {};
    const procedure = await this.households.saveProcedure(manager, {
      ...(open ?? {}),
      householdId,
      landlordPartnerId,
      stage: after.stage,
      housingSector: lease.housingSector ?? open?.housingSector ?? (partner.kind === 'bailleur_social' ? 'social' : 'prive'),
      leaseSignedOn: lease.leaseSignedOn ?? open?.leaseSignedOn ?? null,
      monthlyRentCents: lease.monthlyRentCents ?? open?.monthlyRentCents ?? null,
      debtCents: lease.debtCents ?? open?.debtCents ?? 0,
      firstUnpaidOn: open?.firstUnpaidOn ?? facts.firstUnpaidOn ?? event.occurredOn,
      hearingAt: facts.hearing ? new Date(facts.hearing.at) : (open?.hearingAt ?? null),
      hearingPlace: facts.hearing?.place ?? open?.hearingPlace ?? null,
      closedAt: after.closed ? now : null,
    });
    await this.households.appendStageEvent(manager, {
      procedureId: procedure.id,
      type: event.type,
      occurredOn: event.occurredOn,
      reportedByPartnerId: partner.id,
      submissionId: event.submissionId,
      // When Unisson learned of it, on the coordination calendar: Unisson's own sequences start from it.
      details: {
        ...(facts.hearing ? { hearingAt: facts.hearing.at } : {}),
        ...(facts.debtCents !== undefined ? { debtCents: facts.debtCents } : {}),
        learnedAt: now.toISOString(),
      },
    });
    const outcome: SubmissionOutcome = {
      householdId,
      procedureId: procedure.id,
      stage: procedure.stage,
      closed: after.closed,
      linkage: event.linkage,
      reportedType: event.type,
    };
    const territory = departementOfPostalCode(record.postalCode);
    const playbook = after.advanced && !after.closed ? this.playbookOf(territory) : null;
    if (after.advanced && !after.closed && !playbook) outcome.warning = `NO_PLAYBOOK_FOR_TERRITORY_${territory}`;
    const [partners, holders] = await statementsOn(manager, [
      () => this.partners.findPartnersOfTerritory(territory, manager),
      () => this.households.findRecordHolderIds(manager, householdId),
    ]);
    const directory = partners.map((p) => ({ id: p.id, kind: p.kind, publicPhone: p.publicPhone }));
    if (!directory.some((p) => p.id === partner.id))
      directory.push({ id: partner.id, kind: partner.kind, publicPhone: partner.publicPhone });
    outcome.intents = stageEventIntents(
      {
        submissionId: event.submissionId,
        reportingPartnerId: partner.id,
        recordHolderIds: [procedure.landlordPartnerId, ...holders],
        stage: after.closed ? null : after.stage,
        advanced: after.advanced,
        occurredOn: event.occurredOn,
      },
      playbook,
      directory,
    );
    return outcome;
  }
}
