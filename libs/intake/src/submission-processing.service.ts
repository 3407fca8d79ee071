import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { canReceiveSms, HouseholdsRepository, PartnerRecord, Procedure, stageAfter, toE164 } from '@unisson/households';
import { MessageComposer, MessageDraft, MessagesRepository } from '@unisson/messaging';
import { Partner, PartnersRepository } from '@unisson/partners';
import { jobSpec, QUEUES } from '@unisson/queues';
import { AlertInput, StageEventInput } from './dto/submission.schemas';
import { decideFirstArrearsContacts } from './domain/first-arrears-rule';
import { territoryOfPostalCode } from './domain/territory';
import { PartnerSubmission } from './entities/partner-submission.entity';
import { IntakeRepository } from './intake.repository';

export interface SubmissionOutcome {
  householdId?: string;
  procedureId?: string;
  stage?: string;
  messages?: Array<{ id: string; channel: string }>;
  error?: string;
}

const euroCents = (euros: number) => Math.round(euros * 100);

/**
 * The worker side of intake: records the household, its partner record, its procedure and the
 * stage event, decides the messages (fixed rule for now), all in one transaction with the
 * submission marked processed, then enqueues the sends. A retried job finds the submission
 * processed and does nothing.
 */
@Injectable()
export class SubmissionProcessingService {
  private readonly logger = new Logger('SubmissionProcessing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: IntakeRepository,
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly messages: MessagesRepository,
    private readonly composer: MessageComposer,
    @InjectQueue(QUEUES.dispatch) private readonly dispatchQueue: Queue,
  ) {}

  async process(submissionId: string): Promise<SubmissionOutcome | null> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const submission = await this.submissions.lockUnprocessed(manager, submissionId);
      if (!submission) return null;
      const [partner] = await this.partners.findPartnersByIds([submission.partnerId]);
      const result =
        submission.kind === 'alert'
          ? await this.recordAlert(manager, submission, partner, submission.payload as unknown as AlertInput)
          : await this.recordStageEvent(manager, submission, partner, submission.payload as unknown as StageEventInput);
      await this.submissions.markProcessed(manager, submission.id, { ...result }, result.error ?? null);
      return result;
    });
    if (outcome?.messages?.length) {
      await this.dispatchQueue.addBulk(outcome.messages.map((m) => jobSpec('message.dispatch', { messageId: m.id })));
    }
    if (outcome) this.logger.log({ submissionId, error: outcome.error ?? null, messages: outcome.messages?.length ?? 0 }, 'submission processed');
    return outcome;
  }

  private async recordAlert(manager: EntityManager, submission: PartnerSubmission, landlord: Partner, alert: AlertInput): Promise<SubmissionOutcome> {
    const record = await this.upsertRecord(manager, submission.partnerId, alert.partnerRef, alert, alert.preferredLocale);
    let procedure = await this.households.findOpenProcedure(manager, record.householdId!);
    procedure = await this.households.saveProcedure(manager, {
      ...(procedure ?? {}),
      householdId: record.householdId!,
      landlordPartnerId: procedure?.landlordPartnerId ?? submission.partnerId,
      stage: stageAfter(procedure?.stage ?? null, 'premier_impaye'),
      housingSector: alert.lease.housingSector,
      leaseSignedOn: alert.lease.signedOn ?? procedure?.leaseSignedOn ?? null,
      monthlyRentCents: euroCents(alert.lease.monthlyRent),
      debtCents: euroCents(alert.arrears.amount),
      firstUnpaidOn: procedure?.firstUnpaidOn ?? alert.arrears.firstUnpaidOn,
    });
    await this.households.appendStageEvent(manager, {
      procedureId: procedure.id,
      type: 'premier_impaye',
      occurredOn: alert.arrears.firstUnpaidOn,
      reportedByPartnerId: submission.partnerId,
      submissionId: submission.id,
      details: { debtCents: euroCents(alert.arrears.amount) },
    });
    const drafts = await this.firstArrearsDrafts(manager, submission, record, procedure, landlord, alert);
    const ids = await this.messages.insertDrafts(manager, drafts);
    return {
      householdId: record.householdId!,
      procedureId: procedure.id,
      stage: procedure.stage,
      messages: ids.map((id, i) => ({ id, channel: drafts[i].channel })),
    };
  }

  private async firstArrearsDrafts(
    manager: EntityManager,
    submission: PartnerSubmission,
    record: PartnerRecord,
    procedure: Procedure,
    landlord: Partner,
    alert: AlertInput,
  ): Promise<MessageDraft[]> {
    const optedOut = await this.households.optedOutChannels(manager, record.householdId!);
    const decisions = decideFirstArrearsContacts({
      submissionId: submission.id,
      mobilePhone: record.phone && canReceiveSms(record.phone) ? record.phone : null,
      email: record.email,
      optedOut,
    });
    return decisions.map((decision) => {
      const composed = this.composer.compose({
        purpose: decision.purpose,
        channel: decision.channel,
        locale: alert.preferredLocale,
        variables: {
          landlordName: landlord.name,
          landlordPhone: landlord.publicPhone ?? '',
          debtCents: procedure.debtCents,
          firstUnpaidOn: procedure.firstUnpaidOn,
        },
      });
      return {
        idempotencyKey: decision.idempotencyKey,
        householdId: record.householdId!,
        procedureId: procedure.id,
        signingPartnerIds: [landlord.id],
        channel: decision.channel,
        purpose: decision.purpose,
        templateKey: composed.templateKey,
        templateVersion: composed.templateVersion,
        locale: composed.locale,
        variant: composed.variant,
        recipient: decision.recipient,
        subject: composed.subject,
        body: composed.text,
        bodyHtml: composed.html,
        notBefore: new Date(),
        correlationId: submission.id,
      };
    });
  }

  private async recordStageEvent(manager: EntityManager, submission: PartnerSubmission, partner: Partner, event: StageEventInput): Promise<SubmissionOutcome> {
    let record = await this.households.findRecordByRef(manager, submission.partnerId, event.partnerRef);
    if (!record && event.tenant && event.address) {
      record = await this.upsertRecord(manager, submission.partnerId, event.partnerRef, { tenant: event.tenant, address: event.address, contacts: event.contacts ?? {} }, 'fr');
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
      details: event.hearing ? { hearingAt: event.hearing.at } : {},
    });
    return { householdId: record.householdId, procedureId: procedure.id, stage, messages: [] };
  }

  private async upsertRecord(
    manager: EntityManager,
    partnerId: string,
    partnerRef: string,
    identity: Pick<AlertInput, 'tenant' | 'address' | 'contacts'> & { cafNumber?: string },
    preferredLocale: string,
  ): Promise<PartnerRecord> {
    const existing = await this.households.findRecordByRef(manager, partnerId, partnerRef);
    const householdId =
      existing?.householdId ??
      (await this.households.createHousehold(manager, territoryOfPostalCode(identity.address.postalCode), preferredLocale)).id;
    return this.households.saveRecord(
      manager,
      existing,
      {
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
      },
      householdId,
    );
  }
}
