/**
 * The only TypeORM code of the engine: batched plan writes (one statement per table per batch),
 * hand-off bookkeeping and the reads the planner needs. No business rules here.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ProcedureStage } from '@unisson/vocabulary';
import type { ContactHistoryEntry, ContactIntent, ContactPlan, HouseholdEvent, PlannedContact } from './domain/types';

/** A row as `DataSource.query` returns it: untyped by nature, narrowed field by field below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SqlRow = Record<string, any>;

export interface PlanWriteResult {
  /** Contacts to (re)enqueue: new ones or ones whose timing changed. */
  scheduled: Array<{ contactKey: string; notBefore: string; rescheduled: boolean }>;
  /** Contacts no longer in any plan: their jobs must go. */
  cancelled: string[];
}

export interface PlannedContactRecord extends PlannedContact {
  householdId: string;
  planId: string;
  status: 'planned' | 'handedOff' | 'cancelled';
  /** What became of it once handed off (delivered, undelivered, npai, responded, refused). */
  outcome: string | null;
  cancelReason: string | null;
  handedOffAt: string | null;
}

const CONTACT_COLUMNS = `contact_key text, plan_id uuid, household_id uuid, channel text, purpose text, purposes text[], legal boolean,
  stage text, step integer, only_if_no_response boolean, lead_partner_id text, co_signing_partner_ids text[], callback_phone text,
  not_before timestamptz, not_after timestamptz, variant_slot integer, absorbed_intent_ids text[], reasons jsonb`;

/** TypeORM returns `[rows, rowCount]` for UPDATE/DELETE on Postgres and plain rows otherwise. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

function partnerIdsOf(plan: ContactPlan, intents: ReadonlyMap<string, string>): string[] {
  const ids = new Set<string>();
  for (const c of plan.contacts) {
    ids.add(c.leadPartnerId);
    c.coSigningPartnerIds.forEach((p) => ids.add(p));
    c.absorbedIntentIds.forEach((i) => {
      const partner = intents.get(i);
      if (partner) ids.add(partner);
    });
  }
  return [...ids].sort();
}

@Injectable()
export class CoordinationRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Upserts plans and their contacts in three statements; handed-off contacts are never touched. */
  async savePlans(plans: readonly ContactPlan[], intentOwners: ReadonlyMap<string, string> = new Map()): Promise<PlanWriteResult> {
    if (plans.length === 0) return { scheduled: [], cancelled: [] };
    return this.dataSource.transaction(async (manager) => {
      const planRows = plans.map((p) => ({
        household_id: p.householdId,
        procedure_id: p.procedureId,
        stage: p.stage,
        territory: p.territory,
        playbook_version: p.playbookVersion,
        time_zone: p.timeZone,
        planned_at: p.plannedAt,
        partner_ids: partnerIdsOf(p, intentOwners),
        trace: p.trace,
      }));
      const saved: Array<{ id: string; household_id: string; procedure_id: string }> = await manager.query(
        `INSERT INTO contact_plan (household_id, procedure_id, stage, territory, playbook_version, time_zone, planned_at, partner_ids, trace)
         SELECT household_id, procedure_id, stage, territory, playbook_version, time_zone, planned_at, partner_ids, trace
         FROM jsonb_to_recordset($1::jsonb) AS x(household_id uuid, procedure_id text, stage text, territory text, playbook_version text,
           time_zone text, planned_at timestamptz, partner_ids text[], trace jsonb)
         ON CONFLICT (household_id, procedure_id) DO UPDATE SET stage = excluded.stage, territory = excluded.territory,
           playbook_version = excluded.playbook_version, time_zone = excluded.time_zone, planned_at = excluded.planned_at,
           partner_ids = excluded.partner_ids, trace = excluded.trace, updated_at = now()
         RETURNING id, household_id, procedure_id`,
        [JSON.stringify(planRows)],
      );
      const planIdOf = new Map(saved.map((r) => [`${r.household_id}|${r.procedure_id}`, r.id]));
      const contactRows = plans.flatMap((p) =>
        p.contacts.map((c) => ({
          contact_key: c.key,
          plan_id: planIdOf.get(`${p.householdId}|${p.procedureId}`),
          household_id: p.householdId,
          channel: c.channel,
          purpose: c.purpose,
          purposes: c.purposes,
          legal: c.legal,
          stage: c.stage,
          step: c.step,
          only_if_no_response: c.onlyIfNoResponse,
          lead_partner_id: c.leadPartnerId,
          co_signing_partner_ids: c.coSigningPartnerIds,
          callback_phone: c.callbackPhone,
          not_before: c.window.notBefore,
          not_after: c.window.notAfter,
          variant_slot: c.variantSlot,
          absorbed_intent_ids: c.absorbedIntentIds,
          reasons: c.reasons,
        })),
      );
      const upserted: Array<{ contact_key: string; not_before: Date; inserted: boolean }> = contactRows.length
        ? await manager.query(
            `INSERT INTO planned_contact (contact_key, plan_id, household_id, channel, purpose, purposes, legal, stage, step, only_if_no_response,
               lead_partner_id, co_signing_partner_ids, callback_phone, not_before, not_after, variant_slot, absorbed_intent_ids, reasons)
             SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${CONTACT_COLUMNS})
             ON CONFLICT (contact_key) DO UPDATE SET plan_id = excluded.plan_id, purposes = excluded.purposes,
               lead_partner_id = excluded.lead_partner_id, co_signing_partner_ids = excluded.co_signing_partner_ids,
               callback_phone = excluded.callback_phone, not_before = excluded.not_before, not_after = excluded.not_after,
               absorbed_intent_ids = excluded.absorbed_intent_ids, reasons = excluded.reasons, status = 'planned', cancel_reason = NULL,
               updated_at = now()
             WHERE planned_contact.status <> 'handedOff' AND (planned_contact.status = 'cancelled'
               OR planned_contact.not_before IS DISTINCT FROM excluded.not_before
               OR planned_contact.absorbed_intent_ids IS DISTINCT FROM excluded.absorbed_intent_ids
               OR planned_contact.co_signing_partner_ids IS DISTINCT FROM excluded.co_signing_partner_ids
               OR planned_contact.callback_phone IS DISTINCT FROM excluded.callback_phone)
             RETURNING contact_key, not_before, (xmax = 0) AS inserted`,
            [JSON.stringify(contactRows)],
          )
        : [];
      // Each cancelled contact keeps the reason the planner gave for its key and purpose (`withdrawalReasonFor`, in SQL).
      const withdrawals = plans.flatMap((p) =>
        p.withdrawals.map((w) => ({
          plan_id: planIdOf.get(`${p.householdId}|${p.procedureId}`),
          key_prefix: w.keyPrefix,
          reason: w.reason,
          purpose: w.purpose ?? null,
        })),
      );
      const cancelled = rowsOf<{ contact_key: string }>(
        await manager.query(
          `UPDATE planned_contact pc SET status = 'cancelled', updated_at = now(), cancel_reason = (
             SELECT w.reason FROM jsonb_to_recordset($3::jsonb) AS w(plan_id uuid, key_prefix text, reason text, purpose text)
             WHERE w.plan_id = pc.plan_id AND starts_with(pc.contact_key, w.key_prefix) AND (w.purpose IS NULL OR w.purpose = pc.purpose)
             ORDER BY length(w.key_prefix) DESC, (w.purpose IS NOT NULL) DESC LIMIT 1)
         WHERE pc.plan_id = ANY($1::uuid[]) AND pc.status = 'planned' AND NOT (pc.contact_key = ANY($2::text[]))
         RETURNING pc.contact_key`,
          [saved.map((r) => r.id), contactRows.map((r) => r.contact_key), JSON.stringify(withdrawals)],
        ),
      );
      return {
        scheduled: upserted.map((r) => ({
          contactKey: r.contact_key,
          notBefore: new Date(r.not_before).toISOString(),
          rescheduled: !r.inserted,
        })),
        cancelled: cancelled.map((r) => r.contact_key),
      };
    });
  }

  /** Locks a contact still waiting to go; null if it was handed off, cancelled or never existed. */
  async lockPlannedContact(manager: EntityManager, contactKey: string): Promise<PlannedContactRecord | null> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT * FROM planned_contact WHERE contact_key = $1 AND status = 'planned' FOR UPDATE SKIP LOCKED`,
      [contactKey],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  async findHandedOffContact(contactKey: string): Promise<PlannedContactRecord | null> {
    const rows: SqlRow[] = await this.dataSource.query(`SELECT * FROM planned_contact WHERE contact_key = $1 AND status = 'handedOff'`, [
      contactKey,
    ]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Contacts still planned and due before `before`: each must have its delayed job. */
  async findPlannedDueBefore(before: Date, limit: number): Promise<Array<{ contactKey: string; notBefore: string }>> {
    const rows: Array<{ contact_key: string; not_before: Date }> = await this.dataSource.query(
      `SELECT contact_key, not_before FROM planned_contact WHERE status = 'planned' AND not_before <= $1 ORDER BY not_before LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ contactKey: r.contact_key, notBefore: new Date(r.not_before).toISOString() }));
  }

  /**
   * Contacts handed off in (after, before], oldest first, that become messages (served acts do
   * not; calls and home visits become the messages whose senders create their tasks): messaging
   * must have received each.
   */
  async findHandedOffBetween(after: Date, before: Date, limit: number): Promise<Array<{ contactKey: string; handedOffAt: Date }>> {
    const rows: Array<{ contact_key: string; handed_off_at: Date }> = await this.dataSource.query(
      `SELECT contact_key, handed_off_at FROM planned_contact
        WHERE status = 'handedOff' AND handed_off_at > $1 AND handed_off_at <= $2 AND channel <> 'servedAct'
        ORDER BY handed_off_at LIMIT $3`,
      [after, before, limit],
    );
    return rows.map((r) => ({ contactKey: r.contact_key, handedOffAt: new Date(r.handed_off_at) }));
  }

  async markHandedOff(manager: EntityManager, contactKey: string): Promise<void> {
    await manager.query(
      `UPDATE planned_contact SET status = 'handedOff', handed_off_at = now(), updated_at = now() WHERE contact_key = $1`,
      [contactKey],
    );
  }

  /**
   * One household merged into another: intents, events and the contacts already handed off (the
   * history contact caps count) follow it; contacts still planned are cancelled (the merged
   * household's plan replaces them). Returns the cancelled keys.
   */
  async mergeHousehold(from: string, into: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE contact_intent SET household_id = $2 WHERE household_id = $1`, [from, into]);
      await manager.query(`UPDATE coordination_event SET household_id = $2 WHERE household_id = $1`, [from, into]);
      // Plans are per (household, procedure): the procedure moved, so does its plan and its contacts.
      await manager.query(`UPDATE contact_plan SET household_id = $2, updated_at = now() WHERE household_id = $1`, [from, into]);
      const cancelled = rowsOf<{ contact_key: string; status: string }>(
        await manager.query(
          `UPDATE planned_contact SET household_id = $2, status = CASE WHEN status = 'planned' THEN 'cancelled' ELSE status END, updated_at = now()
          WHERE household_id = $1 RETURNING contact_key, status`,
          [from, into],
        ),
      ).filter((r) => r.status === 'cancelled');
      return cancelled.map((r) => r.contact_key);
    });
  }

  /** Cancels every contact still planned for a household, with the reason; returns their keys. */
  async cancelPlannedContacts(householdId: string, reason: string): Promise<string[]> {
    const rows = rowsOf<{ contact_key: string }>(
      await this.dataSource.query(
        `UPDATE planned_contact SET status = 'cancelled', cancel_reason = $2, updated_at = now()
         WHERE household_id = $1 AND status = 'planned' RETURNING contact_key`,
        [householdId, reason],
      ),
    );
    return rows.map((r) => r.contact_key);
  }

  /** Messaging reports what became of a handed-off contact (delivered, npai, responded…). */
  async recordOutcome(
    contactKey: string,
    outcome: ContactHistoryEntry['outcome'],
  ): Promise<{ householdId: string; channel: string; purpose: string } | null> {
    const rows = rowsOf<{ household_id: string; channel: string; purpose: string }>(
      await this.dataSource.query(
        `UPDATE planned_contact SET outcome = $2, updated_at = now() WHERE contact_key = $1 RETURNING household_id, channel, purpose`,
        [contactKey, outcome],
      ),
    );
    return rows[0] ? { householdId: rows[0].household_id, channel: rows[0].channel, purpose: rows[0].purpose } : null;
  }

  async insertIntents(
    householdId: string,
    intents: ReadonlyArray<Omit<ContactIntent, 'id' | 'createdAt'> & { idempotencyKey: string }>,
  ): Promise<void> {
    if (intents.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO contact_intent (household_id, partner_id, partner_kind, stage, purpose, legal, deadline, callback_phone, idempotency_key)
       SELECT $1, partner_id, partner_kind, stage, purpose, legal, deadline, callback_phone, idempotency_key
       FROM jsonb_to_recordset($2::jsonb) AS x(partner_id text, partner_kind text, stage text, purpose text, legal boolean,
         deadline timestamptz, callback_phone text, idempotency_key text)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        householdId,
        JSON.stringify(
          intents.map((i) => ({
            partner_id: i.partnerId,
            partner_kind: i.partnerKind,
            stage: i.stage,
            purpose: i.purpose,
            legal: i.legal,
            deadline: i.deadline,
            callback_phone: i.callbackPhone,
            idempotency_key: i.idempotencyKey,
          })),
        ),
      ],
    );
  }

  async insertEvent(householdId: string, event: HouseholdEvent): Promise<void> {
    await this.dataSource.query(`INSERT INTO coordination_event (household_id, type, at) VALUES ($1, $2, $3)`, [
      householdId,
      event.type,
      event.at,
    ]);
  }

  /** What the planner knows from the engine's own tables about a household. */
  async loadCoordinationState(
    householdId: string,
  ): Promise<{ intents: ContactIntent[]; history: ContactHistoryEntry[]; events: HouseholdEvent[] }> {
    const [intents, history, events] = await Promise.all([
      this.dataSource.query(`SELECT * FROM contact_intent WHERE household_id = $1 ORDER BY created_at, id`, [householdId]),
      this.dataSource.query(
        `SELECT contact_key, channel, purpose, purposes, stage, handed_off_at, outcome, legal FROM planned_contact
         WHERE household_id = $1 AND status = 'handedOff'`,
        [householdId],
      ),
      this.dataSource.query(`SELECT type, at FROM coordination_event WHERE household_id = $1 ORDER BY at`, [householdId]),
    ]);
    return {
      intents: (intents as Array<SqlRow>).map((r) => ({
        id: r.id,
        partnerId: r.partner_id,
        partnerKind: r.partner_kind,
        stage: r.stage as ProcedureStage,
        purpose: r.purpose,
        legal: r.legal,
        deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
        callbackPhone: r.callback_phone,
        createdAt: new Date(r.created_at).toISOString(),
      })),
      history: (history as Array<SqlRow>).map((r) => ({
        channel: r.channel,
        purpose: r.purpose,
        stage: r.stage,
        at: new Date(r.handed_off_at).toISOString(),
        outcome: r.outcome ?? 'sent',
        legal: r.legal,
        purposes: r.purposes,
        key: r.contact_key,
      })),
      events: (events as Array<SqlRow>).map((r) => ({ type: r.type, at: new Date(r.at).toISOString() })),
    };
  }

  /** The stored plan and its contacts, for the GET endpoint. */
  async findPlan(householdId: string): Promise<{ plan: SqlRow; contacts: PlannedContactRecord[] } | null> {
    const plans: Array<SqlRow> = await this.dataSource.query(
      `SELECT * FROM contact_plan WHERE household_id = $1 ORDER BY updated_at DESC LIMIT 1`,
      [householdId],
    );
    if (plans.length === 0) return null;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT * FROM planned_contact WHERE plan_id = $1 ORDER BY not_before, contact_key`,
      [plans[0].id],
    );
    return { plan: plans[0], contacts: rows.map(toRecord) };
  }
}

function toRecord(r: SqlRow): PlannedContactRecord {
  return {
    key: r.contact_key,
    planId: r.plan_id,
    householdId: r.household_id,
    status: r.status,
    channel: r.channel,
    purpose: r.purpose,
    purposes: r.purposes,
    legal: r.legal,
    stage: r.stage,
    step: r.step,
    onlyIfNoResponse: r.only_if_no_response,
    leadPartnerId: r.lead_partner_id,
    coSigningPartnerIds: r.co_signing_partner_ids,
    callbackPhone: r.callback_phone,
    window: { notBefore: new Date(r.not_before).toISOString(), notAfter: r.not_after ? new Date(r.not_after).toISOString() : null },
    variantSlot: r.variant_slot,
    absorbedIntentIds: r.absorbed_intent_ids,
    reasons: r.reasons,
    outcome: r.outcome ?? null,
    cancelReason: r.cancel_reason ?? null,
    handedOffAt: r.handed_off_at ? new Date(r.handed_off_at).toISOString() : null,
  };
}
