import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { blindIndex } from '@unisson/crypto';
import { Household } from './entities/household.entity';
import { HouseholdOptOut } from './entities/household-opt-out.entity';
import { PartnerRecord } from './entities/partner-record.entity';
import { Procedure } from './entities/procedure.entity';
import { StageEvent } from './entities/stage-event.entity';
import type { RecordPlacement, RegroupingPlan } from './domain/household-regrouping';

/** What a message to a household may draw on: the freshest partner record and the open procedure. */
export interface HouseholdFacts {
  household: Household;
  /** Most recently updated record first. */
  records: PartnerRecord[];
  procedure: Procedure | null;
  /** Civil date of the latest stage event of the open procedure. */
  stageOn: string | null;
}

/** What a partner may state about the household itself (absent: it did not say). */
export interface StatedHouseholdFacts {
  readsWithDifficulty?: boolean;
  dependentChildren?: number;
}

export type PartnerRecordFields = Omit<
  PartnerRecord,
  'id' | 'createdAt' | 'updatedAt' | 'householdId' | 'phoneIndex' | 'emailIndex' | 'indexContacts'
>;

@Injectable()
export class HouseholdsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findRecordByRef(manager: EntityManager, partnerId: string, partnerRef: string): Promise<PartnerRecord | null> {
    return manager.findOne(PartnerRecord, { where: { partnerId, partnerRef } });
  }

  /** Partners holding a record of the household (who it is "theirs" for). */
  async findRecordHolderIds(manager: EntityManager, householdId: string): Promise<string[]> {
    const rows: Array<{ partner_id: string }> = await manager.query(
      `SELECT DISTINCT partner_id FROM partner_record WHERE household_id = $1 ORDER BY partner_id`,
      [householdId],
    );
    return rows.map((r) => r.partner_id);
  }

  /** The household's territory (null for an unknown one). */
  async territoryOf(manager: EntityManager, householdId: string): Promise<string | null> {
    return (await manager.findOne(Household, { where: { id: householdId }, select: { id: true, territory: true } }))?.territory ?? null;
  }

  async createHousehold(manager: EntityManager, territory: string, preferredLocale: string): Promise<Household> {
    return manager.save(manager.create(Household, { territory, preferredLocale }));
  }

  /**
   * Records what a partner stated about the household: the number of dependent children as the
   * latest partner said it; "reads with difficulty" once any partner said it (a "no" only fills
   * an unknown: another partner's "yes" is not undone by a form's default).
   */
  async recordStatedFacts(manager: EntityManager, householdId: string, facts: StatedHouseholdFacts): Promise<void> {
    if (facts.readsWithDifficulty === undefined && facts.dependentChildren === undefined) return;
    await manager.query(
      `UPDATE household
          SET dependent_children = COALESCE($2::smallint, dependent_children),
              reads_with_difficulty = CASE WHEN $3::boolean IS NULL THEN reads_with_difficulty
                                           WHEN $3::boolean THEN true
                                           ELSE COALESCE(reads_with_difficulty, false) END,
              updated_at = now()
        WHERE id = $1`,
      [householdId, facts.dependentChildren ?? null, facts.readsWithDifficulty ?? null],
    );
  }

  async saveRecord(
    manager: EntityManager,
    existing: PartnerRecord | null,
    fields: PartnerRecordFields,
    householdId: string,
    id?: string,
  ): Promise<PartnerRecord> {
    const record = existing ?? manager.create(PartnerRecord, { id, householdId });
    Object.assign(record, fields);
    return manager.save(record);
  }

  /** Households whose open procedure names this partner as its landlord (at most `limit`). */
  async findHouseholdsOfLandlord(landlordPartnerId: string, limit = 500): Promise<string[]> {
    const rows: Array<{ household_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT household_id FROM procedure WHERE landlord_partner_id = $1 AND closed_at IS NULL LIMIT $2`,
      [landlordPartnerId, limit],
    );
    return rows.map((r) => r.household_id);
  }

  findOpenProcedure(manager: EntityManager, householdId: string): Promise<Procedure | null> {
    return manager.findOne(Procedure, { where: { householdId, closedAt: IsNull() }, order: { openedAt: 'DESC' } });
  }

  saveProcedure(manager: EntityManager, procedure: Partial<Procedure>): Promise<Procedure> {
    return manager.save(manager.create(Procedure, procedure));
  }

  async appendStageEvent(manager: EntityManager, event: Omit<StageEvent, 'id' | 'recordedAt'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(StageEvent)
      .values(event as never)
      .orIgnore() // the submission was already recorded: a retried job
      .execute();
  }

  async optedOutChannels(manager: EntityManager, householdId: string): Promise<Set<string>> {
    const rows = await manager.find(HouseholdOptOut, { where: { householdId }, select: { channel: true } });
    return new Set(rows.map((r) => r.channel));
  }

  /** The channels each of these households refused (households without opt-out are absent). */
  async optedOutChannelsOf(householdIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const byHousehold = new Map<string, Set<string>>();
    if (householdIds.length === 0) return byHousehold;
    const rows: Array<{ household_id: string; channel: string }> = await this.dataSource.query(
      `SELECT household_id, channel FROM household_opt_out WHERE household_id = ANY($1::uuid[])`,
      [householdIds],
    );
    for (const r of rows) byHousehold.set(r.household_id, (byHousehold.get(r.household_id) ?? new Set()).add(r.channel));
    return byHousehold;
  }

  async recordOptOut(householdId: string, channel: HouseholdOptOut['channel'], source: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(HouseholdOptOut)
      .values({ householdId, channel, source })
      .orIgnore()
      .execute();
    return (result.identifiers?.length ?? 0) > 0 && result.identifiers[0] !== undefined;
  }

  /** Households whose records carry this phone number, E.164 (a reply names a phone, not a household): by its blind index. */
  async findHouseholdIdsByPhone(phone: string): Promise<string[]> {
    const rows: Array<{ household_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT household_id FROM partner_record WHERE phone_index = $1 AND household_id IS NOT NULL`,
      [blindIndex('phone', phone)],
    );
    return rows.map((r) => r.household_id);
  }

  async findFacts(householdId: string): Promise<HouseholdFacts | null> {
    const manager = this.dataSource.manager;
    const household = await manager.findOne(Household, { where: { id: householdId } });
    if (!household) return null;
    const [records, procedure] = await Promise.all([
      manager.find(PartnerRecord, { where: { householdId }, order: { updatedAt: 'DESC' } }),
      this.findOpenProcedure(manager, householdId),
    ]);
    const latest = procedure
      ? await manager.findOne(StageEvent, { where: { procedureId: procedure.id }, order: { occurredOn: 'DESC' } })
      : null;
    return { household, records, procedure, stageOn: latest?.occurredOn ?? null };
  }

  /** Partner records (id → household) of a territory's households, for re-linking. */
  async findRecordHouseholds(recordIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!recordIds.length) return new Map();
    const rows: Array<{ id: string; household_id: string }> = await manager.query(
      `SELECT id, household_id FROM partner_record WHERE id = ANY($1::uuid[]) AND household_id IS NOT NULL`,
      [recordIds],
    );
    return new Map(rows.map((r) => [r.id, r.household_id]));
  }

  /** Where each partner record of a territory sits, with its household-matching group. */
  async findPlacements(territory: string, groupOf: ReadonlyMap<string, string>): Promise<RecordPlacement[]> {
    const rows: Array<{ id: string; household_id: string }> = await this.dataSource.query(
      `SELECT r.id, r.household_id FROM partner_record r JOIN household h ON h.id = r.household_id WHERE h.territory = $1`,
      [territory],
    );
    return rows
      .filter((r) => groupOf.has(r.id))
      .map((r) => ({ recordId: r.id, householdId: r.household_id, groupKey: groupOf.get(r.id)! }));
  }

  /**
   * Applies a regrouping in one transaction: new households for split-off records, record moves,
   * and for merged households their procedures and opt-outs (an opt-out always follows the
   * records: it is honoured everywhere). Returns the ids of the households created.
   */
  async applyRegrouping(plan: RegroupingPlan): Promise<Map<string, string>> {
    return this.dataSource.transaction(async (manager) => {
      const created = new Map<string, string>();
      for (const group of plan.newHouseholds) {
        const from = plan.recordMoves.find((m) => m.toHousehold === `new:${group}`)!.fromHousehold;
        const [row] = (await manager.query(
          `INSERT INTO household (territory, preferred_locale) SELECT territory, preferred_locale FROM household WHERE id = $1 RETURNING id`,
          [from],
        )) as Array<{ id: string }>;
        created.set(`new:${group}`, row.id);
        await manager.query(
          `INSERT INTO household_opt_out (household_id, channel, source) SELECT $2, channel, source FROM household_opt_out WHERE household_id = $1 ON CONFLICT DO NOTHING`,
          [from, row.id],
        );
      }
      for (const move of plan.recordMoves) {
        await manager.query(`UPDATE partner_record SET household_id = $2, updated_at = now() WHERE id = $1`, [
          move.recordId,
          created.get(move.toHousehold) ?? move.toHousehold,
        ]);
      }
      for (const merged of plan.mergedHouseholds) {
        await manager.query(`UPDATE procedure SET household_id = $2 WHERE household_id = $1`, [merged.householdId, merged.into]);
        // What partners stated about either household holds for the one they are (a "reads with difficulty" wins).
        await manager.query(
          `UPDATE household t
              SET reads_with_difficulty = CASE WHEN t.reads_with_difficulty OR f.reads_with_difficulty THEN true
                                               ELSE COALESCE(t.reads_with_difficulty, f.reads_with_difficulty) END,
                  dependent_children = COALESCE(t.dependent_children, f.dependent_children)
             FROM household f WHERE f.id = $1 AND t.id = $2`,
          [merged.householdId, merged.into],
        );
        await manager.query(
          `INSERT INTO household_opt_out (household_id, channel, source) SELECT $2, channel, source FROM household_opt_out WHERE household_id = $1 ON CONFLICT DO NOTHING`,
          [merged.householdId, merged.into],
        );
      }
      return created;
    });
  }

  findHousehold(id: string): Promise<Household | null> {
    return this.dataSource.getRepository(Household).findOne({ where: { id } });
  }
}
