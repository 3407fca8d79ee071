/**
 * Reads the foundation tables (household, procedure, partner_record, household_opt_out) that the
 * planner needs. Owned by the lead's schema: if a column moves, only this file changes.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, HouseholdState, OptOut, ProcedureState, StageId } from './domain/types';

/** Foundation procedure stages (snake_case) to the engine's stage ids. */
const STAGE_OF_PROCEDURE: Record<string, StageId | null> = {
  premier_impaye: 'impaye',
  signalement_caf: 'signalementCaf',
  commandement_de_payer: 'commandementDePayer',
  assignation: 'assignation',
  jugement: 'jugement',
  commandement_de_quitter_les_lieux: 'commandementDeQuitterLesLieux',
  concours_force_publique: 'concoursForcePublique',
  close: null,
};

export function stageOfProcedure(stage: string): StageId | null {
  return STAGE_OF_PROCEDURE[stage] ?? null;
}

/** Mobile numbers (SMS and calls) in metropolitan France and the overseas départements, E.164. */
const MOBILE = /^\+33[67]\d{8}$|^\+590(690|691)\d{6}$|^\+596(696|697)\d{6}$|^\+594(694)\d{6}$|^\+262(692|693|639)\d{6}$/;

export function isMobileNumber(e164: string | null | undefined): boolean {
  return !!e164 && MOBILE.test(e164);
}

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

export interface HouseholdSnapshot {
  territory: string;
  household: HouseholdState;
  procedure: ProcedureState;
  optOuts: OptOut[];
}

@Injectable()
export class HouseholdSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Null when the household has no open procedure (nothing to plan). */
  async findOpenSnapshot(householdId: string): Promise<HouseholdSnapshot | null> {
    const [households, procedures, records, optOuts] = await Promise.all([
      this.dataSource.query(`SELECT territory FROM household WHERE id = $1`, [householdId]),
      this.dataSource.query(
        `SELECT p.id, p.stage, p.housing_sector, p.lease_signed_on, p.hearing_at, p.updated_at,
                (SELECT max(e.occurred_on) FROM stage_event e WHERE e.procedure_id = p.id) AS stage_on,
                (SELECT max((e.details->>'learnedAt')::timestamptz) FROM stage_event e WHERE e.procedure_id = p.id) AS learned_at
         FROM procedure p WHERE p.household_id = $1 AND p.closed_at IS NULL ORDER BY p.opened_at DESC LIMIT 1`,
        [householdId],
      ),
      this.dataSource.query(`SELECT postal_code, phone, email FROM partner_record WHERE household_id = $1 ORDER BY updated_at DESC`, [
        householdId,
      ]),
      this.dataSource.query(`SELECT channel, created_at FROM household_opt_out WHERE household_id = $1`, [householdId]),
    ]);
    if (households.length === 0 || procedures.length === 0) return null;
    const p = procedures[0];
    const stage = stageOfProcedure(p.stage);
    if (!stage) return null;
    const recs = records as Array<{ postal_code: string; phone: string | null; email: string | null }>;
    const stageOn = civilDate(p.stage_on);
    // Sequences start when the stage began, or when Unisson learned of it if later: a reminder
    // planned "7 days after the first arrears" is not due at once because the alert came late.
    const occurred = stageOn ? `${stageOn}T08:00:00.000Z` : new Date(p.updated_at).toISOString();
    const learned = p.learned_at ? new Date(p.learned_at).toISOString() : null;
    const stageEnteredAt = learned && learned > occurred ? learned : occurred;
    return {
      territory: households[0].territory,
      household: {
        id: householdId,
        postalCode: recs[0]?.postal_code ?? '',
        hasMobilePhone: recs.some((r) => isMobileNumber(r.phone)),
        hasEmail: recs.some((r) => !!r.email),
        postalAddressValid: true,
      },
      procedure: {
        id: p.id,
        stage,
        stageEnteredAt,
        landlordKind: p.housing_sector === 'social' ? 'social' : 'private',
        leaseSignedOn: civilDate(p.lease_signed_on),
        dates: p.hearing_at ? { hearingDate: new Date(p.hearing_at).toISOString() } : {},
      },
      optOuts: (optOuts as Array<{ channel: string; created_at: Date }>).map((o) => ({
        channel: (o.channel === 'voice' ? 'call' : o.channel) as Channel,
        partnerId: null,
        at: new Date(o.created_at).toISOString(),
      })),
    };
  }
}
