/**
 * Reads the foundation tables (household, procedure, stage_event, partner_record, partner,
 * household_opt_out) that the planner needs, and keeps the engine's own record of returned
 * addresses. Owned by the lead's schema: if a column moves, only this file changes.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stageOfEvent, type ContactChannel, type ProcedureStage } from '@unisson/vocabulary';
import type {
  HouseholdEvent,
  HouseholdEventType,
  HouseholdState,
  OptOut,
  PartnerInPlan,
  PartnerKind,
  ProcedureState,
} from './domain/types';

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

/** An address as a comparable key: case, accents, punctuation and spacing do not count. */
export function postalAddressKey(record: { street: string; address_extra?: string | null; postal_code: string }): string {
  const plain = (text: string | null | undefined) =>
    (text ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${plain(record.street)}|${plain(record.address_extra)}|${record.postal_code}`;
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

interface RecordRow {
  partner_id: string;
  partner_kind: string;
  street: string;
  address_extra: string | null;
  postal_code: string;
  phone: string | null;
  email: string | null;
  caf_number: string | null;
}

interface StageEventRow {
  type: string;
  occurred_on: unknown;
  reported_by_partner_id: string;
  learned_at: Date | null;
}

/** When an event took effect: its day at noon UTC, or when Unisson learned of it if earlier (reported that morning). */
function effectiveAt(occurredOn: string, learnedAt: Date | null): string {
  const noon = `${occurredOn}T12:00:00.000Z`;
  const learned = learnedAt ? learnedAt.toISOString() : null;
  return learned && learned < noon ? learned : noon;
}

@Injectable()
export class HouseholdSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The household's latest procedure (open, or closed: its plan still has contacts to cancel and
   * legal acts to keep) with what the planner needs; null when it has no procedure at all.
   */
  async findSnapshot(householdId: string): Promise<HouseholdSnapshot | null> {
    const [households, procedures, records, optOuts, returned] = await Promise.all([
      this.dataSource.query(`SELECT territory FROM household WHERE id = $1`, [householdId]),
      this.dataSource.query(
        `SELECT id, stage, housing_sector, lease_signed_on, hearing_at, updated_at, closed_at, debt_cents, monthly_rent_cents, first_unpaid_on
         FROM procedure WHERE household_id = $1 ORDER BY (closed_at IS NULL) DESC, opened_at DESC LIMIT 1`,
        [householdId],
      ),
      this.dataSource.query(
        `SELECT r.partner_id, p.kind AS partner_kind, r.street, r.address_extra, r.postal_code, r.phone, r.email, r.caf_number
         FROM partner_record r LEFT JOIN partner p ON p.id = r.partner_id WHERE r.household_id = $1 ORDER BY r.updated_at DESC`,
        [householdId],
      ),
      this.dataSource.query(`SELECT channel, created_at FROM household_opt_out WHERE household_id = $1`, [householdId]),
      this.dataSource.query(`SELECT address_key FROM returned_postal_address WHERE household_id = $1`, [householdId]),
    ]);
    if (households.length === 0 || procedures.length === 0) return null;
    const p = procedures[0];
    const territory: string = households[0].territory;
    const [stageEvents, partners] = await Promise.all([
      this.dataSource.query(
        `SELECT type, occurred_on, reported_by_partner_id, (details->>'learnedAt')::timestamptz AS learned_at
         FROM stage_event WHERE procedure_id = $1 ORDER BY occurred_on, recorded_at`,
        [p.id],
      ) as Promise<StageEventRow[]>,
      this.findPartners(
        territory,
        (records as RecordRow[]).map((r) => r.partner_id),
      ),
    ]);
    const recs = records as RecordRow[];
    const stage = p.stage as ProcedureStage;
    // The legal event that opened the stage (not a late-reported earlier one, nor a closing one).
    const opening = [...stageEvents].reverse().find((e) => stageOfEvent(e.type) === stage);
    const stageEventOn = civilDate(opening?.occurred_on) ?? civilDate(p.updated_at) ?? new Date(p.updated_at).toISOString().slice(0, 10);
    const occurred = `${stageEventOn}T08:00:00.000Z`;
    const learned = opening?.learned_at ? new Date(opening.learned_at).toISOString() : null;
    const returnedKeys = new Set((returned as Array<{ address_key: string }>).map((r) => r.address_key));
    const closing = stageEvents.filter((e) => e.type === 'dette_soldee' || e.type === 'depart_du_logement');
    return {
      territory,
      household: {
        id: householdId,
        postalCode: recs[0]?.postal_code ?? '',
        hasMobilePhone: recs.some((r) => isMobileNumber(r.phone)),
        hasEmail: recs.some((r) => !!r.email),
        // Letters go to the freshest record's address: invalid once a letter came back from it, whoever sent it.
        postalAddressValid: recs.length > 0 && !returnedKeys.has(postalAddressKey(recs[0])),
      },
      procedure: {
        id: p.id,
        stage,
        stageEventOn,
        // Sequences start when the stage began, or when Unisson learned of it if later.
        stageEnteredAt: learned && learned > occurred ? learned : occurred,
        landlordKind: p.housing_sector === 'social' ? 'social' : 'prive',
        leaseSignedOn: civilDate(p.lease_signed_on),
        dates: p.hearing_at ? { hearingDate: new Date(p.hearing_at).toISOString() } : {},
        arrears: {
          debtCents: Number(p.debt_cents ?? 0),
          monthlyRentCents: p.monthly_rent_cents === null ? null : Number(p.monthly_rent_cents),
          firstUnpaidOn: civilDate(p.first_unpaid_on),
          housingBenefit: recs.some((r) => !!r.caf_number || r.partner_kind === 'caf') ? true : null,
        },
        closedOn: p.closed_at
          ? (civilDate(closing[closing.length - 1]?.occurred_on) ?? new Date(p.closed_at).toISOString().slice(0, 10))
          : null,
      },
      optOuts: (optOuts as Array<{ channel: string; created_at: Date }>).map((o) => ({
        channel: (o.channel === 'voice' ? 'call' : o.channel) as ContactChannel,
        partnerId: null,
        at: new Date(o.created_at).toISOString(),
      })),
      events: stageEvents
        .filter((e) => HOUSEHOLD_EVENT_OF_STAGE_EVENT[e.type])
        .map((e) => ({
          type: HOUSEHOLD_EVENT_OF_STAGE_EVENT[e.type],
          at: effectiveAt(civilDate(e.occurred_on)!, e.learned_at ? new Date(e.learned_at) : null),
          reportedBy: e.reported_by_partner_id,
        })),
      partners,
    };
  }

  /** The territory's partners and those holding a record of the household, as the trace names them. */
  async findPartners(territory: string, alsoIds: readonly string[] = []): Promise<PartnerInPlan[]> {
    const rows: Array<{ id: string; name: string; kind: PartnerKind }> = await this.dataSource.query(
      `SELECT id, name, kind FROM partner WHERE territory = $1 OR id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [territory, [...new Set(alsoIds)]],
    );
    return rows;
  }

  /** Partners that hold a record of the household, and the procedure's landlord: they may read its plan. */
  async findRecordHolders(householdId: string): Promise<{ territory: string | null; partnerIds: string[] }> {
    const rows: Array<{ territory: string; partner_id: string | null }> = await this.dataSource.query(
      `SELECT h.territory, x.partner_id FROM household h
       LEFT JOIN LATERAL (SELECT partner_id FROM partner_record WHERE household_id = h.id
                          UNION SELECT landlord_partner_id FROM procedure WHERE household_id = h.id) x ON true
       WHERE h.id = $1`,
      [householdId],
    );
    return { territory: rows[0]?.territory ?? null, partnerIds: rows.map((r) => r.partner_id).filter((id): id is string => !!id) };
  }

  /** A letter came back: the household's current address is marked for every partner (idempotent). */
  async markCurrentAddressReturned(householdId: string, contactKey: string): Promise<boolean> {
    const [record] = (await this.dataSource.query(
      `SELECT street, address_extra, postal_code FROM partner_record WHERE household_id = $1 ORDER BY updated_at DESC LIMIT 1`,
      [householdId],
    )) as Array<{ street: string; address_extra: string | null; postal_code: string }>;
    if (!record) return false;
    await this.dataSource.query(
      `INSERT INTO returned_postal_address (household_id, address_key, contact_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [householdId, postalAddressKey(record), contactKey],
    );
    return true;
  }
}
