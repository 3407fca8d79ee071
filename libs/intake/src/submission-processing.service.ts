import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { COORDINATION_CLOCK, CoordinationService, ExecutorClock, PlaybookCatalog, Playbook, stageOfProcedure } from '@unisson/coordination';
import { HouseholdsRepository, PartnerRecord, Procedure, ProcedureStage, stageAfter, StageEventType, toE164 } from '@unisson/households';
import { LinkageService } from '@unisson/linkage';
import { Partner, PartnersRepository } from '@unisson/partners';
import { AlertInput, IntentInput, StageEventInput } from './dto/submission.schemas';
import { IntentToPost, stageEventIntents } from './domain/stage-event-intents';
import { territoryOfPostalCode } from './domain/territory';
import { PartnerSubmission } from './entities/partner-submission.entity';
import { IntakeRepository } from './intake.repository';

export interface SubmissionOutcome {
  householdId?: string;
  procedureId?: string;
  stage?: string;
  /** How the partner's record was matched to a household ('existing' when the partner already knew it). */
  linkage?: 'existing' | 'link' | 'review' | 'new-household';
  /** What the coordination engine was asked to plan. */
  intents?: IntentToPost[];
  error?: string;
  warning?: string;
}

const euroCents = (euros: number) => Math.round(euros * 100);

/** A partner record's id, derived from who sent it and their reference: a retried job links the same record. */
function recordIdOf(partnerId: string, partnerRef: string): string {
  const h = createHash('sha256').update(`${partnerId}\u0000${partnerRef}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The worker side of intake: matches the partner's record to a household (household matching),
 * records the procedure and the stage event, all in one transaction with the submission marked
 * processed; then posts the intents the territory's playbook prescribes to the coordination
 * engine, which plans and schedules the contacts. The coordination step is idempotent and runs
 * again when a processed submission's job is retried, so a crash between the two loses nothing.
 */
@Injectable()
export class SubmissionProcessingService {
  private readonly logger = new Logger('SubmissionProcessing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: IntakeRepository,
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly linkage: LinkageService,
    private readonly coordination: CoordinationService,
    private readonly playbooks: PlaybookCatalog,
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
  ) {}

  async process(submissionId: string): Promise<SubmissionOutcome | null> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const submission = await this.submissions.lockUnprocessed(manager, submissionId);
      if (!submission) return null;
      const [partner] = await this.partners.findPartnersByIds([submission.partnerId]);
      const result =
        submission.kind === 'alert'
          ? await this.recordAlert(manager, submission, partner, submission.payload as unknown as AlertInput)
          : submission.kind === 'intent'
            ? await this.recordIntent(manager, submission, partner, submission.payload as unknown as IntentInput)
            : await this.recordStageEvent(manager, submission, partner, submission.payload as unknown as StageEventInput);
      await this.submissions.markProcessed(manager, submission.id, { ...result }, result.error ?? null);
      return result;
    });
    const outcome = recorded ?? ((await this.submissions.findOutcome(submissionId)) as SubmissionOutcome | null);
    if (outcome?.householdId) {
      if (outcome.intents?.length) await this.coordination.postIntents(outcome.householdId, outcome.intents);
      else await this.coordination.replan(outcome.householdId);
    }
    if (recorded) {
      this.logger.log(
        { submissionId, error: recorded.error ?? null, linkage: recorded.linkage ?? null, intents: recorded.intents?.length ?? 0 },
        'submission processed',
      );
    }
    return outcome;
  }

  private async recordAlert(
    manager: EntityManager,
    submission: PartnerSubmission,
    landlord: Partner,
    alert: AlertInput,
  ): Promise<SubmissionOutcome> {
    const { record, linkage } = await this.upsertRecord(manager, submission.partnerId, alert.partnerRef, alert, alert.preferredLocale);
    const open = await this.households.findOpenProcedure(manager, record.householdId!);
    const procedure = await this.households.saveProcedure(manager, {
      ...(open ?? {}),
      householdId: record.householdId!,
      landlordPartnerId: open?.landlordPartnerId ?? submission.partnerId,
      stage: stageAfter(open?.stage ?? null, 'premier_impaye'),
      housingSector: alert.lease.housingSector,
      leaseSignedOn: alert.lease.signedOn ?? open?.leaseSignedOn ?? null,
      monthlyRentCents: euroCents(alert.lease.monthlyRent),
      debtCents: euroCents(alert.arrears.amount),
      firstUnpaidOn: open?.firstUnpaidOn ?? alert.arrears.firstUnpaidOn,
    });
    await this.households.appendStageEvent(manager, {
      procedureId: procedure.id,
      type: 'premier_impaye',
      occurredOn: alert.arrears.firstUnpaidOn,
      reportedByPartnerId: submission.partnerId,
      submissionId: submission.id,
      details: { debtCents: euroCents(alert.arrears.amount), learnedAt: this.learnedAt() },
    });
    return this.withIntents(
      submission,
      landlord,
      record,
      procedure,
      open?.stage ?? null,
      'premier_impaye',
      alert.arrears.firstUnpaidOn,
      linkage,
    );
  }

  /**
   * A partner's own intent: about a household it named before, for a purpose the territory's
   * playbook has at the household's current stage (else a clear error in the outcome).
   */
  private async recordIntent(
    manager: EntityManager,
    submission: PartnerSubmission,
    partner: Partner,
    input: IntentInput,
  ): Promise<SubmissionOutcome> {
    const record = await this.households.findRecordByRef(manager, submission.partnerId, input.partnerRef);
    if (!record?.householdId) return { error: 'UNKNOWN_PARTNER_REF' };
    const procedure = await this.households.findOpenProcedure(manager, record.householdId);
    const stage = procedure ? stageOfProcedure(procedure.stage) : null;
    if (!procedure || !stage) return { householdId: record.householdId, error: 'NO_OPEN_PROCEDURE' };
    const outcome: SubmissionOutcome = {
      householdId: record.householdId,
      procedureId: procedure.id,
      stage: procedure.stage,
      linkage: 'existing',
    };
    let playbook: Playbook;
    try {
      playbook = this.playbooks.forTerritory(
        territoryOfPostalCode(record.postalCode),
        new Date(this.clock.now()).toISOString().slice(0, 10),
      );
    } catch {
      return { ...outcome, error: 'NO_PLAYBOOK_FOR_TERRITORY' };
    }
    const purpose = playbook.purposes.find((p) => p.id === input.purpose && p.stage === stage);
    if (!purpose) return { ...outcome, error: 'PURPOSE_NOT_AT_THIS_STAGE' };
    outcome.intents = [
      {
        idempotencyKey: `${submission.id}.${purpose.id}`,
        partnerId: partner.id,
        partnerKind: partner.kind,
        stage,
        purpose: purpose.id,
        legal: purpose.legal,
        deadline: input.deadline ? `${input.deadline}T18:00:00.000Z` : null,
        callbackPhone: toE164(input.callbackPhone) ?? partner.publicPhone,
      },
    ];
    return outcome;
  }

  /** When Unisson learned of the event, on the coordination calendar: contact sequences start from it. */
  private learnedAt(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** The outcome, with the intents of the playbook when the event moved the procedure to a new stage. */
  private async withIntents(
    submission: PartnerSubmission,
    partner: Partner,
    record: PartnerRecord,
    procedure: Procedure,
    before: ProcedureStage | null,
    event: StageEventType,
    occurredOn: string,
    linkage: SubmissionOutcome['linkage'],
  ): Promise<SubmissionOutcome> {
    const territory = territoryOfPostalCode(record.postalCode);
    const outcome: SubmissionOutcome = { householdId: record.householdId!, procedureId: procedure.id, stage: procedure.stage, linkage };
    const stage = procedure.stage === 'close' ? null : stageOfProcedure(procedure.stage);
    const advanced = before !== procedure.stage && stageAfter(before, event) === procedure.stage;
    let playbook: Playbook | null = null;
    try {
      // The playbook in force today: the rules of the day the contacts go out, not of the event's date.
      playbook = stage && advanced ? this.playbooks.forTerritory(territory, new Date(this.clock.now()).toISOString().slice(0, 10)) : null;
    } catch {
      outcome.warning = `NO_PLAYBOOK_FOR_TERRITORY_${territory}`;
    }
    const partners = (await this.partners.findPartnersOfTerritory(territory)).map((p) => ({
      id: p.id,
      kind: p.kind,
      publicPhone: p.publicPhone,
    }));
    if (!partners.some((p) => p.id === partner.id)) partners.push({ id: partner.id, kind: partner.kind, publicPhone: partner.publicPhone });
    outcome.intents = stageEventIntents(
      { submissionId: submission.id, reportingPartnerId: partner.id, stage, advanced, occurredOn },
      playbook,
      partners,
    );
    return outcome;
  }

  private async recordStageEvent(
    manager: EntityManager,
    submission: PartnerSubmission,
    partner: Partner,
    event: StageEventInput,
  ): Promise<SubmissionOutcome> {
    let record = await this.households.findRecordByRef(manager, submission.partnerId, event.partnerRef);
    let linkage: SubmissionOutcome['linkage'] = 'existing';
    if (!record && event.tenant && event.address) {
      ({ record, linkage } = await this.upsertRecord(
        manager,
        submission.partnerId,
        event.partnerRef,
        { tenant: event.tenant, address: event.address, contacts: event.contacts ?? {} },
        'fr',
      ));
    }
    if (!record?.householdId) {
      return { error: 'UNKNOWN_PARTNER_REF' };
    }
    const open = await this.households.findOpenProcedure(manager, record.householdId);
    const stage = stageAfter(open?.stage ?? null, event.type);
    const procedure = await this.households.saveProcedure(manager, {
      ...(open ?? {}),
      householdId: record.householdId,
      landlordPartnerId: open?.landlordPartnerId ?? partner.id,
      stage,
      housingSector: open?.housingSector ?? (partner.kind === 'bailleur_social' ? 'social' : 'prive'),
      debtCents: event.debtAmount !== undefined ? euroCents(event.debtAmount) : (open?.debtCents ?? 0),
      firstUnpaidOn: open?.firstUnpaidOn ?? event.occurredOn,
      hearingAt: event.hearing ? new Date(event.hearing.at) : (open?.hearingAt ?? null),
      hearingPlace: event.hearing?.place ?? open?.hearingPlace ?? null,
      closedAt: stage === 'close' ? new Date() : null,
    });
    await this.households.appendStageEvent(manager, {
      procedureId: procedure.id,
      type: event.type,
      occurredOn: event.occurredOn,
      reportedByPartnerId: submission.partnerId,
      submissionId: submission.id,
      details: { ...(event.hearing ? { hearingAt: event.hearing.at } : {}), learnedAt: this.learnedAt() },
    });
    return this.withIntents(submission, partner, record, procedure, open?.stage ?? null, event.type, event.occurredOn, linkage);
  }

  /**
   * The partner's record, matched to a household: the one it already belongs to, else the
   * household of the record household matching links it to, else a new household.
   */
  private async upsertRecord(
    manager: EntityManager,
    partnerId: string,
    partnerRef: string,
    identity: Pick<AlertInput, 'tenant' | 'address' | 'contacts'> & { cafNumber?: string },
    preferredLocale: string,
  ): Promise<{ record: PartnerRecord; linkage: NonNullable<SubmissionOutcome['linkage']> }> {
    const existing = await this.households.findRecordByRef(manager, partnerId, partnerRef);
    const fields = {
      partnerId,
      partnerRef,
      lastName: identity.tenant.lastName,
      firstName: identity.tenant.firstName,
      birthDate: identity.tenant.birthDate ?? null,
      street: identity.address.street,
      addressExtra: identity.address.extra ?? null,
      postalCode: identity.address.postalCode,
      city: identity.address.city,
      phone: toE164(identity.contacts.phone),
      email: identity.contacts.email ?? null,
      cafNumber: identity.cafNumber ?? existing?.cafNumber ?? null,
    };
    if (existing?.householdId) {
      return { record: await this.households.saveRecord(manager, existing, fields, existing.householdId), linkage: 'existing' };
    }
    const territory = territoryOfPostalCode(identity.address.postalCode);
    const recordId = recordIdOf(partnerId, partnerRef);
    const decision = await this.linkage.linkRecord(territory, { ...fields, recordId });
    const linkedTo =
      decision.decision === 'link' && decision.householdKey
        ? (await this.households.findRecordHouseholds([decision.householdKey])).get(decision.householdKey)
        : undefined;
    const householdId = linkedTo ?? (await this.households.createHousehold(manager, territory, preferredLocale)).id;
    const record = await this.households.saveRecord(manager, null, fields, householdId, recordId);
    return { record, linkage: linkedTo ? 'link' : decision.decision === 'review' ? 'review' : 'new-household' };
  }
}
