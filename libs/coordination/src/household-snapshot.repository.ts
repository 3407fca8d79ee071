/**
 * The planner's view of a household, built from what the households and partners capabilities
 * tell through their public readers (`HouseholdCaseSource`, `PartnerDirectorySource`), and the
 * engine's own record of returned addresses.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HouseholdCaseSource, PartnerDirectorySource } from './household-case-source';
import { InvalidPhoneNumbers } from './invalid-phone-numbers';
import { householdChosenChannel, stageOfEvent, type ContactChannel, type ProcedureStage } from '@unisson/vocabulary';
import type { HouseholdEvent, HouseholdEventType, HouseholdState, OptOut, PartnerInPlan, ProcedureState } from './domain/types';
import { blindIndex } from '@unisson/crypto';

/** Mobile numbers (SMS and calls) in metropolitan France and the overseas départements, E.164. */
const MOBILE = /^\+33[67]\d{8}$|^\+590(690|691)\d{6}$|^\+596(696|697)\d{6}$|^\+594(694)\d{6}$|^\+262(692|693|639)\d{6}$/;

export function isMobileNumber(e164: string | null | undefined): boolean {
  return !!e164 && MOBILE.test(e164);
}

/** Stage events that change outreach without moving the procedure, as the engine's household events. */
const HOUSEHOLD_EVENT_OF_STAGE_EVENT: Record<string, HouseholdEventType> = {
  dette_soldee: 'debtCleared',
  depart_du_logement: 'movedOut',
  plan_apurement: 'repaymentPlanAgreed',
};

/** A `date` column as 'YYYY-MM-DD' (node-postgres returns a Date at local midnight, or a string). */
export function civilDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

/**
 * An e-mail address as kept once it bounced: the keyed blind index (libs/crypto) of the SHA-256
 * of its trimmed, lower-cased form (keys stored before encryption were that bare SHA-256, which
 * anyone could recompute from a guessed address: the migration keyed them the same way).
 */
export function emailAddressKey(address: string): string {
  return blindIndex('invalid-email', createHash('sha256').update(address.trim().toLowerCase()).digest('hex')) as string;
}

/** A returned letter's address as kept: the keyed blind index of its comparable form (never the address itself). */
export function returnedAddressKey(record: { street: string; addressExtra?: string | null; postalCode: string }): string {
  return blindIndex('returned-address', postalAddressKey(record)) as string;
}

/** A private landlord's returned address as kept: the keyed blind index of its printed lines (never the address itself). */
export function returnedLandlordAddressKey(lines: readonly string[]): string {
  const plain = lines.map((line) => postalAddressKey({ street: line, postalCode: '' })).join('/');
  return blindIndex('returned-address', `landlord:${plain}`) as string;
}

/** An address as a comparable key: case, accents, punctuation and spacing do not count. */
export function postalAddressKey(record: { street: string; addressExtra?: string | null; postalCode: string }): string {
  const plain = (text: string | null | undefined) =>
    (text ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${plain(record.street)}|${plain(record.addressExtra)}|${record.postalCode}`;
}

export interface HouseholdSnapshot {
  territory: string;
  household: HouseholdState;
  procedure: ProcedureState;
  optOuts: OptOut[];
  /** Closing events and facts partners reported as stage events (debt cleared, moved out, repayment plan). */
  events: HouseholdEvent[];
  partners: PartnerInPlan[];
}

/** When an event took effect: its day at noon UTC, or when Unisson learned of it if earlier (reported that morning). */
function effectiveAt(occurredOn: string, learnedAt: Date | null): string {
  const noon = `${occurredOn}T12:00:00.000Z`;
  const learned = learnedAt ? learnedAt.toISOString() : null;
  return learned && learned < noon ? learned : noon;
}

@Injectable()
export class HouseholdSnapshotRepository {
  private readonly wrongNumbers: InvalidPhoneNumbers;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: HouseholdCaseSource,
    private readonly directory: PartnerDirectorySource,
  ) {
    this.wrongNumbers = new InvalidPhoneNumbers(dataSource);
  }

  /**
   * The household's latest procedure (open, or closed: its plan still has contacts to cancel and
   * legal acts to keep) with what the planner needs; null when it has no procedure at all.
   */
  async findSnapshot(householdId: string): Promise<HouseholdSnapshot | null> {
    const [found, returned, invalidEmails, wrongNumbers] = await Promise.all([
      this.cases.caseOf(householdId),
      this.dataSource.query(`SELECT address_key FROM returned_postal_address WHERE household_id = $1`, [householdId]),
      this.dataSource.query(`SELECT address_key FROM invalid_email_address WHERE household_id = $1`, [householdId]),
      this.wrongNumbers.keysOf(householdId),
    ]);
    if (!found?.procedure) return null;
    const p = found.procedure;
    const territory = found.territory;
    const recs = found.records;
    const partners = await this.findPartners(
      territory,
      recs.map((r) => r.partnerId),
    );
    const kindOf = (id: string) => partners.find((x) => x.id === id)?.kind;
    const stageEvents = found.stageEvents;
    const stage = p.stage as ProcedureStage;
    // The legal event that opened the stage (not a late-reported earlier one, nor a closing one).
    const opening = [...stageEvents].reverse().find((e) => stageOfEvent(e.type) === stage);
    const stageEventOn = civilDate(opening?.occurredOn) ?? civilDate(p.updatedAt) ?? new Date(p.updatedAt).toISOString().slice(0, 10);
    const occurred = `${stageEventOn}T08:00:00.000Z`;
    const learned = opening?.learnedAt ? new Date(opening.learnedAt).toISOString() : null;
    const returnedKeys = new Set((returned as Array<{ address_key: string }>).map((r) => r.address_key));
    const invalidEmailKeys = new Set((invalidEmails as Array<{ address_key: string }>).map((r) => r.address_key));
    const closing = stageEvents.filter((e) => e.type === 'dette_soldee' || e.type === 'depart_du_logement');
    const landlordAddress = p.housingSector === 'social' ? 'unknown' : await this.landlordAddressState(p.landlordPartnerId);
    return {
      territory,
      household: {
        id: householdId,
        postalCode: recs[0]?.postalCode ?? '',
        // A number a caller found wrong reaches no one, whoever texts or rings it.
        hasMobilePhone: recs.some((r) => isMobileNumber(r.phone) && InvalidPhoneNumbers.usable(wrongNumbers, r.phone)),
        // Any number rings for a spoken message, landlines included.
        hasPhone: recs.some((r) => InvalidPhoneNumbers.usable(wrongNumbers, r.phone)),
        readsWithDifficulty: found.statedFacts?.readsWithDifficulty === true,
        preferredChannel: householdChosenChannel(found.statedFacts?.preferredChannel),
        // An address that bounced reaches no one, whoever wrote to it.
        hasEmail: recs.some((r) => !!r.email && !invalidEmailKeys.has(emailAddressKey(r.email))),
        // Letters go to the freshest record's address: invalid once a letter came back from it, whoever sent it.
        postalAddressValid: recs.length > 0 && !returnedKeys.has(returnedAddressKey(recs[0])),
      },
      procedure: {
        id: p.id,
        stage,
        stageEventOn,
        // Sequences start when the stage began, or when Unisson learned of it if later.
        stageEnteredAt: learned && learned > occurred ? learned : occurred,
        landlordKind: p.housingSector === 'social' ? 'social' : 'prive',
        leaseSignedOn: civilDate(p.leaseSignedOn),
        dates: p.hearingAt ? { hearingDate: new Date(p.hearingAt).toISOString() } : {},
        arrears: {
          debtCents: Number(p.debtCents ?? 0),
          monthlyRentCents: p.monthlyRentCents === null ? null : Number(p.monthlyRentCents),
          firstUnpaidOn: civilDate(p.firstUnpaidOn),
          housingBenefit: recs.some((r) => !!r.cafNumber || kindOf(r.partnerId) === 'caf') ? true : null,
        },
        closedOn: p.closedAt
          ? (civilDate(closing[closing.length - 1]?.occurredOn) ?? new Date(p.closedAt).toISOString().slice(0, 10))
          : null,
        // The procedure's landlord partner is a private landlord Unisson has an address for, and no letter came back from it.
        landlordPostalAddressKnown: landlordAddress === 'usable',
        ...(landlordAddress === 'returned' ? { landlordPostalAddressReturned: true } : {}),
      },
      // Objecting to calls (or to spoken messages) closes both: a spoken message is a call.
      optOuts: found.optOuts.flatMap((o) =>
        (o.channel === 'voice' || o.channel === 'call' ? ['call', 'voice'] : [o.channel]).map((channel) => ({
          channel: channel as ContactChannel,
          partnerId: null,
          at: new Date(o.at).toISOString(),
        })),
      ),
      events: stageEvents
        .filter((e) => HOUSEHOLD_EVENT_OF_STAGE_EVENT[e.type])
        .map((e) => ({
          type: HOUSEHOLD_EVENT_OF_STAGE_EVENT[e.type],
          at: effectiveAt(civilDate(e.occurredOn)!, e.learnedAt ? new Date(e.learnedAt) : null),
          reportedBy: e.reportedByPartnerId,
        })),
      partners,
    };
  }

  /** The private landlord's address (its partner's, through the partners' reader), unless a letter to the landlord came back from it. */
  private async landlordAddressState(landlordPartnerId: string | undefined): Promise<'usable' | 'returned' | 'unknown'> {
    const landlord = landlordPartnerId ? await this.directory.privateLandlordAddress(landlordPartnerId) : null;
    if (!landlord) return 'unknown';
    const returned: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM returned_landlord_address WHERE partner_id = $1 AND address_key = $2`,
      [landlord.partnerId, returnedLandlordAddressKey(landlord.lines)],
    );
    return returned.length === 0 ? 'usable' : 'returned';
  }

  /**
   * A letter to the household's private landlord came back (NPAI): the landlord's address is
   * marked (idempotent), never the household's. False when the procedure has no private landlord
   * with an address any more.
   */
  async markLandlordAddressReturned(householdId: string, contactKey: string): Promise<boolean> {
    const found = await this.cases.caseOf(householdId);
    const partnerId = found?.procedure?.landlordPartnerId;
    const landlord = partnerId ? await this.directory.privateLandlordAddress(partnerId) : null;
    if (!landlord) return false;
    await this.dataSource.query(
      `INSERT INTO returned_landlord_address (partner_id, address_key, contact_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [landlord.partnerId, returnedLandlordAddressKey(landlord.lines), contactKey],
    );
    return true;
  }

  /** The territory's partners and those holding a record of the household, as the trace names them. */
  findPartners(territory: string, alsoIds: readonly string[] = []): Promise<PartnerInPlan[]> {
    return this.directory.partnersFor(territory, [...new Set(alsoIds)]);
  }

  /** Partners that hold a record of the household, and the procedure's landlord: they may read its plan. */
  findRecordHolders(householdId: string): Promise<{ territory: string | null; partnerIds: string[] }> {
    return this.cases.recordHolders(householdId);
  }

  /** A bounce said this e-mail address does not exist: marked for every partner (idempotent). */
  async markEmailInvalid(householdId: string, address: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO invalid_email_address (household_id, address_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      householdId,
      emailAddressKey(address),
    ]);
  }

  /** A caller found this number wrong: marked for every partner (idempotent). */
  async markPhoneInvalid(householdId: string, e164: string, contactKey: string | null): Promise<void> {
    await this.wrongNumbers.mark(householdId, e164, contactKey);
  }

  async phoneMarkedInvalid(householdId: string, e164: string): Promise<boolean> {
    return !InvalidPhoneNumbers.usable(await this.wrongNumbers.keysOf(householdId), e164);
  }

  /** A letter came back: the household's current address is marked for every partner (idempotent). */
  async markCurrentAddressReturned(householdId: string, contactKey: string): Promise<boolean> {
    const address = await this.cases.currentAddress(householdId);
    if (!address) return false;
    await this.dataSource.query(
      `INSERT INTO returned_postal_address (household_id, address_key, contact_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [householdId, returnedAddressKey(address), contactKey],
    );
    return true;
  }
}
