import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MessageFactsRecorder } from '@unisson/analytics';
import { ContactHandOff, InvalidPhoneNumbers, PlannedContactRecord, PlaybookCatalog } from '@unisson/coordination';
import { ExperimentAssigner } from '@unisson/experiments';
import { canReceiveSms, HouseholdFacts, HouseholdsRepository } from '@unisson/households';
import { Partner, PartnersRepository } from '@unisson/partners';
import { jobSpec, QUEUES } from '@unisson/queues';
import { TemplateLibrary, type TemplateDefinition } from '@unisson/templates';
import { wordingFor, wordingIndex, WordingContext } from './domain/contact-wording';
import { Channel } from './domain/message-status';
import { LandlordLetterComposer } from './landlord-letter-composer';
import { MessageComposer } from './message-composer';
import { bouncedAddressKey, BouncedAddresses } from './email/bounced-addresses';
import { MessagesRepository } from './messages.repository';

/** The idempotency key of the message a planned contact becomes: one contact, one message, ever. */
export const contactMessageKey = (contactKey: string) => `contact:${contactKey}`;

const HEARING_CLOCK = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

function localHearing(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(HEARING_CLOCK.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The lead partner first, then the co-signers. */
const signersOf = (contact: PlannedContactRecord) => [
  contact.leadPartnerId,
  ...contact.coSigningPartnerIds.filter((p) => p !== contact.leadPartnerId),
];

/** What a contact may not go to any more: e-mail addresses that bounced, numbers a caller found wrong (their keys). */
interface DeadEnds {
  bouncedEmails: ReadonlySet<string>;
  wrongNumbers: ReadonlySet<string>;
}

function recipientOf(channel: Channel, facts: HouseholdFacts, { bouncedEmails, wrongNumbers }: DeadEnds): string | null {
  const records = facts.records;
  const phone = (r: HouseholdFacts['records'][number]) => InvalidPhoneNumbers.usable(wrongNumbers, r.phone);
  if (channel === 'sms') return records.find((r) => phone(r) && canReceiveSms(r.phone!))?.phone ?? null;
  if (channel === 'call' || channel === 'voice') return records.find(phone)?.phone ?? null;
  // An address a bounce said is invalid is not written to again (another record's may still work).
  if (channel === 'email') return records.find((r) => r.email && !bouncedEmails.has(bouncedAddressKey(r.email)))?.email ?? null;
  const r = records[0];
  // The order of NF Z 10-011: name, complement (flat, building), street, "CP VILLE" (checked by the letter sender).
  return r ? [`${r.firstName} ${r.lastName}`, r.addressExtra, r.street, `${r.postalCode} ${r.city}`].filter(Boolean).join('\n') : null;
}

/**
 * Messaging's side of the coordination hand-off: a due planned contact becomes one outbound
 * message (idempotency key derived from the contact key), worded by the template library in the
 * household's language, and its dispatch job. Served acts are the commissaire's: they never become
 * a message. Calls and home visits do: their senders (libs/tasks) create the task a team works,
 * with the call script (a visit is worded with the call script too: a conversation at the door).
 */
/** What a contact's message says of itself whatever its wording: its keys, household, signers, channel, recipient. */
function envelopeOf(contact: PlannedContactRecord, procedureId: string | null, channel: Channel, recipient: string) {
  return {
    idempotencyKey: contactMessageKey(contact.key),
    plannedContactKey: contact.key,
    householdId: contact.householdId,
    procedureId,
    signingPartnerIds: signersOf(contact),
    channel,
    purpose: contact.purpose,
    recipient,
    notBefore: new Date(),
    correlationId: contact.planId,
  };
}

@Injectable()
export class PlannedContactMessenger extends ContactHandOff {
  private readonly logger = new Logger('PlannedContactMessenger');
  private readonly playbooks = PlaybookCatalog.load();
  private readonly purposes: ReadonlyMap<string, TemplateDefinition>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly messages: MessagesRepository,
    private readonly composer: MessageComposer,
    private readonly bounced: BouncedAddresses,
    private readonly wrongNumbers: InvalidPhoneNumbers,
    private readonly experiments: ExperimentAssigner,
    private readonly messageFacts: MessageFactsRecorder,
    private readonly landlordLetters: LandlordLetterComposer,
    @InjectQueue(QUEUES.dispatch) private readonly dispatchQueue: Queue,
    library: TemplateLibrary,
  ) {
    super();
    this.purposes = wordingIndex(library.sources.definitions.values());
  }

  async handOff(contact: PlannedContactRecord): Promise<void> {
    if (contact.channel === 'servedAct') {
      this.logger.log({ contactKey: contact.key, channel: contact.channel }, 'contact handed over outside messaging');
      return;
    }
    const key = contactMessageKey(contact.key);
    const existing = await this.messages.findIdByIdempotencyKey(key);
    if (existing) return this.enqueue(existing);
    const facts = await this.households.findFacts(contact.householdId);
    const channel: Channel = contact.channel;
    // A letter to the private landlord goes to the landlord's address, never the household's (decision 0022).
    if (facts && this.writtenToLandlord(contact, facts.household.territory)) return this.handOffToLandlord(contact, channel, facts);
    const deadEnds: DeadEnds = {
      bouncedEmails: channel === 'email' ? await this.bounced.of(contact.householdId) : new Set<string>(),
      wrongNumbers: ['sms', 'call', 'voice'].includes(channel) ? await this.wrongNumbers.keysOf(contact.householdId) : new Set<string>(),
    };
    const recipient = facts && recipientOf(channel, facts, deadEnds);
    if (!facts || !recipient) {
      await this.recordUnsendable(contact, channel, facts?.household.preferredLocale ?? 'fr', 'NO_RECIPIENT');
      this.logger.warn({ contactKey: contact.key, channel }, 'no address for this channel any more: contact not sent');
      return;
    }
    const [lead] = await this.partners.findPartnersByIds([contact.leadPartnerId]);
    const territoryPartners = await this.partners.findPartnersOfTerritory(facts.household.territory);
    const context = this.wordingContext(contact, facts, lead, territoryPartners);
    const playbook = this.playbooks.forTerritory(facts.household.territory, context.today);
    const wording = wordingFor(this.purposes, playbook, contact.purpose, contact.channel, context);
    const draft = envelopeOf(contact, facts.procedure?.id ?? null, channel, recipient);
    if ('missing' in wording && (channel === 'call' || channel === 'homeVisit')) {
      // A call or a visit is worth making without a script: the team sees the purpose and that the library has none yet.
      this.logger.warn({ contactKey: contact.key, purpose: contact.purpose, missing: wording.missing }, 'task without a script');
      const [id] = await this.messages.insertDrafts(this.dataSource.manager, [
        {
          ...draft,
          templateKey: 'none',
          templateVersion: 'none',
          locale: facts.household.preferredLocale,
          variant: 'default',
          subject: null,
          body: '',
          bodyHtml: null,
        },
      ]);
      return this.enqueue(id ?? (await this.messages.findIdByIdempotencyKey(key))!);
    }
    if ('missing' in wording) {
      await this.recordUnsendable(contact, channel, facts.household.preferredLocale, 'NOT_WORDED', recipient);
      this.logger.warn({ contactKey: contact.key, purpose: contact.purpose, missing: wording.missing }, 'planned contact cannot be worded');
      return;
    }
    // An experiment on this territory, stage, purpose and channel decides the variant (kept per household).
    const scope = { territory: facts.household.territory, stage: contact.stage, purpose: contact.purpose, channel };
    const assignment = await this.experiments.assign(contact.householdId, scope, new Date());
    const composed = await this.composer.compose({
      templateKey: wording.templateKey,
      channel: channel === 'homeVisit' ? 'call' : channel,
      locale: facts.household.preferredLocale,
      variables: wording.variables,
      variant: assignment?.variant ?? null,
    });
    const id = await this.dataSource.transaction(async (manager) => {
      const [inserted] = await this.messages.insertDrafts(manager, [
        {
          ...draft,
          templateKey: composed.templateKey,
          templateVersion: composed.templateVersion,
          locale: composed.locale,
          variant: composed.variant,
          subject: composed.subject,
          body: composed.text,
          bodyHtml: composed.html,
        },
      ]);
      if (inserted) {
        await this.messageFacts.record(manager, [
          {
            messageId: inserted,
            householdId: contact.householdId,
            planId: contact.planId,
            plannedContactKey: contact.key,
            ...scope,
            housingSector: facts.procedure?.housingSector ?? null,
            templateKey: composed.templateKey,
            templateVersion: composed.templateVersion,
            locale: composed.locale,
            variant: composed.variant,
            experimentId: assignment?.experimentId ?? null,
            arm: assignment?.arm ?? null,
            absorbedRequests: contact.absorbedIntentIds.length,
            composedAt: new Date(),
          },
        ]);
      }
      return inserted;
    });
    await this.enqueue(id ?? (await this.messages.findIdByIdempotencyKey(key))!);
  }

  /**
   * The letter to the household's private landlord: to its partner's postal address, in French,
   * worded by its templates/landlord/ letter (no response link; the letter layout prints none).
   * Without a landlord address it is recorded unsendable (`NO_RECIPIENT`), never sent elsewhere.
   * Not an analytics message fact: the analysts' figures are the households'.
   */
  private async handOffToLandlord(contact: PlannedContactRecord, channel: Channel, facts: HouseholdFacts): Promise<void> {
    const [lead] = await this.partners.findPartnersByIds([contact.leadPartnerId]);
    const letter = await this.landlordLetters.compose(contact, facts, lead);
    if ('missing' in letter) {
      await this.recordUnsendable(contact, channel, 'fr', letter.missing);
      this.logger.warn({ contactKey: contact.key, purpose: contact.purpose, reason: letter.reason }, 'letter to the landlord not sent');
      return;
    }
    const key = contactMessageKey(contact.key);
    const [id] = await this.messages.insertDrafts(this.dataSource.manager, [
      {
        ...envelopeOf(contact, facts.procedure?.id ?? null, channel, letter.recipient),
        templateKey: letter.composed.templateKey,
        templateVersion: letter.composed.templateVersion,
        locale: letter.composed.locale,
        variant: 'default',
        subject: letter.composed.subject,
        body: letter.composed.text,
        bodyHtml: letter.composed.html,
      },
    ]);
    await this.enqueue(id ?? (await this.messages.findIdByIdempotencyKey(key))!);
  }

  /** The playbook addresses this contact's purpose to the procedure's private landlord, not to the household. */
  private writtenToLandlord(contact: PlannedContactRecord, territory: string): boolean {
    const playbook = this.playbooks.forTerritory(territory, TODAY.format(new Date()));
    return playbook.purposes.some((p) => p.id === contact.purpose && p.addressee === 'landlord');
  }

  async notYetReceived(contactKeys: readonly string[]): Promise<string[]> {
    return this.messages.findContactKeysWithoutMessage(contactKeys);
  }

  /** A contact that cannot become a message still leaves one, failed with its reason: the engine and the reconciler see it. */
  private async recordUnsendable(
    contact: PlannedContactRecord,
    channel: Channel,
    locale: string,
    reason: 'NOT_WORDED' | 'NO_RECIPIENT',
    recipient = '',
  ): Promise<void> {
    const [id] = await this.messages.insertDrafts(this.dataSource.manager, [
      {
        ...envelopeOf(contact, null, channel, recipient),
        templateKey: 'none',
        templateVersion: 'none',
        locale,
        variant: 'default',
        subject: null,
        body: '',
        bodyHtml: null,
      },
    ]);
    if (id) {
      await this.messages.transition(
        id,
        { to: 'failed', source: 'coordination', errorCode: reason, set: { failedAt: new Date(), lastErrorCode: reason } },
        'queued',
      );
    }
  }

  private async enqueue(messageId: string): Promise<void> {
    const job = jobSpec('message.dispatch', { messageId });
    await this.dispatchQueue.add(job.name, job.data, job.opts);
  }

  private wordingContext(
    contact: PlannedContactRecord,
    facts: HouseholdFacts,
    lead: Partner | undefined,
    territory: Partner[],
  ): WordingContext {
    const record = facts.records[0];
    const procedure = facts.procedure;
    const adil = territory.find((p) => p.kind === 'adil');
    return {
      fullName: record ? `${record.firstName} ${record.lastName}` : '',
      leadPartner: { name: lead?.name ?? '', phone: contact.callbackPhone ?? lead?.publicPhone ?? null },
      debtCents: procedure?.debtCents ?? 0,
      monthlyRentCents: procedure?.monthlyRentCents ?? null,
      stage: contact.stage,
      stageOn: facts.stageOn,
      leaseSignedOn: procedure?.leaseSignedOn ?? null,
      landlordKind: null,
      territory: facts.household.territory,
      today: TODAY.format(new Date()),
      hearing: procedure?.hearingAt ? { ...localHearing(procedure.hearingAt), place: procedure.hearingPlace } : null,
      adilPhone: adil?.publicPhone ?? null,
    };
  }
}
