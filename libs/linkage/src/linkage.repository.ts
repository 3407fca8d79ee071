import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { openJson, sealJson } from '@unisson/crypto';
import type { HumanDecision } from './domain/review-decisions';
import type { HouseholdModel } from './domain/household-model';
import type { LinkExplanation } from './domain/explanation';
import type { NormalisedRecord } from './domain/record';
import { LinkageBlockKey } from './entities/linkage-block-key.entity';
import { LinkageDecision } from './entities/linkage-decision.entity';
import { LinkageLink, LinkSource, LinkStatus } from './entities/linkage-link.entity';
import { LinkageModelRow } from './entities/linkage-model.entity';
import { LinkageRecord, NORMALISED_CONTEXT } from './entities/linkage-record.entity';

export interface StoredRecord {
  readonly record: NormalisedRecord;
  readonly householdKey: string;
}

const CHUNK = 5_000;
/** Opened records kept by their sealed form (a new write seals anew: never stale); cleared when full. */
const OPENED_CACHE_SIZE = 20_000;

/** The only place linkage talks to Postgres. */
@Injectable()
export class LinkageRepository {
  private readonly opened = new Map<string, NormalisedRecord>();

  constructor(private readonly db: DataSource) {}

  /** A candidate's record, opened once: arriving records of one town meet the same candidates again and again. */
  private open(sealed: string): NormalisedRecord {
    let record = this.opened.get(sealed);
    if (!record) {
      record = openJson<NormalisedRecord>(sealed, NORMALISED_CONTEXT);
      if (this.opened.size >= OPENED_CACHE_SIZE) this.opened.clear();
      this.opened.set(sealed, record);
    }
    return record;
  }

  async findModel(territory: string, db: EntityManager = this.db.manager): Promise<HouseholdModel | null> {
    const row = await db.getRepository(LinkageModelRow).findOneBy({ territory });
    return (row?.model as HouseholdModel) ?? null;
  }

  async saveModel(territory: string, model: HouseholdModel, recordCount: number): Promise<void> {
    await this.db.getRepository(LinkageModelRow).save({ territory, model, recordCount });
  }

  /** The records sharing a blocking key with the arriving one (blocks over maxBlockSize skipped), in one query. */
  async findCandidates(
    territory: string,
    keyHashes: number[],
    maxBlockSize: number,
    exceptRecordId: string,
    db: EntityManager = this.db.manager,
  ): Promise<StoredRecord[]> {
    if (keyHashes.length === 0) return [];
    const rows: Array<{ household_key: string; normalised: string }> = await db.query(
      `WITH k AS (
         SELECT record_id, count(*) OVER (PARTITION BY key_hash) AS n
         FROM linkage_block_key WHERE key_hash = ANY($1) AND territory = $2),
       ids AS (SELECT DISTINCT record_id FROM k WHERE n <= $3 AND record_id <> $4)
       SELECT r.household_key, r.normalised FROM linkage_record r JOIN ids USING (record_id)`,
      [keyHashes, territory, maxBlockSize, exceptRecordId],
    );
    return rows.map((r) => ({ record: this.open(r.normalised), householdKey: r.household_key }));
  }

  async findRecords(recordIds: string[]): Promise<StoredRecord[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.db.getRepository(LinkageRecord).findBy({ recordId: In(recordIds) });
    return rows.map((r) => ({ record: r.normalised as NormalisedRecord, householdKey: r.householdKey }));
  }

  async findHouseholdMembers(territory: string, householdKey: string): Promise<StoredRecord[]> {
    const rows = await this.db.getRepository(LinkageRecord).findBy({ territory, householdKey });
    return rows.map((r) => ({ record: r.normalised as NormalisedRecord, householdKey: r.householdKey }));
  }

  async findTerritoryRecords(territory: string): Promise<StoredRecord[]> {
    const rows = await this.db.getRepository(LinkageRecord).findBy({ territory });
    return rows.map((r) => ({ record: r.normalised as NormalisedRecord, householdKey: r.householdKey }));
  }

  /** Which of these records belong to the territory (a partner decides only on its own territory's records). */
  async findRecordIdsInTerritory(territory: string, recordIds: string[]): Promise<Set<string>> {
    const rows: Array<{ record_id: string }> = await this.db.query(
      `SELECT record_id FROM linkage_record WHERE territory = $1 AND record_id = ANY($2::text[])`,
      [territory, recordIds],
    );
    return new Set(rows.map((r) => r.record_id));
  }

  async findHouseholdKeys(territory: string): Promise<Map<string, string>> {
    const rows: Array<{ record_id: string; household_key: string }> = await this.db.query(
      `SELECT record_id, household_key FROM linkage_record WHERE territory = $1`,
      [territory],
    );
    return new Map(rows.map((r) => [r.record_id, r.household_key]));
  }

  /** Upserts a record and its blocking keys in one statement (one round trip, one commit). */
  async saveRecord(territory: string, stored: StoredRecord, keyHashes: number[], db: EntityManager = this.db.manager): Promise<void> {
    await db.query(
      `WITH saved AS (
         INSERT INTO linkage_record (record_id, territory, household_key, normalised)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (record_id) DO UPDATE SET territory = EXCLUDED.territory, household_key = EXCLUDED.household_key,
           normalised = EXCLUDED.normalised, updated_at = now()),
       stale AS (DELETE FROM linkage_block_key WHERE record_id = $1 AND NOT (key_hash = ANY($5::int[])))
       INSERT INTO linkage_block_key (key_hash, record_id, territory)
       SELECT DISTINCT k, $1, $2 FROM unnest($5::int[]) AS k
       ON CONFLICT DO NOTHING`,
      [stored.record.recordId, territory, stored.householdKey, sealJson(stored.record, NORMALISED_CONTEXT), keyHashes],
    );
  }

  /** Bulk load (batch imports and benchmarks): records and their keys, in chunks. */
  async insertRecords(territory: string, rows: Array<{ stored: StoredRecord; keyHashes: number[] }>): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await this.db.transaction(async (tx) => {
        await tx.getRepository(LinkageRecord).insert(
          chunk.map((r) => ({
            recordId: r.stored.record.recordId,
            territory,
            householdKey: r.stored.householdKey,
            normalised: r.stored.record,
          })),
        );
        const keys = chunk.flatMap((r) =>
          [...new Set(r.keyHashes)].map((keyHash) => ({ keyHash, recordId: r.stored.record.recordId, territory })),
        );
        for (let k = 0; k < keys.length; k += CHUNK) await tx.getRepository(LinkageBlockKey).insert(keys.slice(k, k + CHUNK));
      });
    }
  }

  async updateHouseholdKeys(assignments: Array<{ recordId: string; householdKey: string }>): Promise<void> {
    for (let i = 0; i < assignments.length; i += CHUNK) {
      const chunk = assignments.slice(i, i + CHUNK);
      await this.db.query(
        `UPDATE linkage_record r SET household_key = v.household_key, updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS v(record_id, household_key)
         WHERE r.record_id = v.record_id AND r.household_key <> v.household_key`,
        [chunk.map((a) => a.recordId), chunk.map((a) => a.householdKey)],
      );
    }
  }

  async moveHousehold(territory: string, fromKey: string, toKey: string): Promise<void> {
    await this.db.getRepository(LinkageRecord).update({ territory, householdKey: fromKey }, { householdKey: toKey });
  }

  async setHouseholdKey(recordId: string, householdKey: string): Promise<void> {
    await this.db.getRepository(LinkageRecord).update({ recordId }, { householdKey });
  }

  async findDecisions(territory: string, recordIds?: string[], db: EntityManager = this.db.manager): Promise<HumanDecision[]> {
    const repo = db.getRepository(LinkageDecision);
    const rows = recordIds
      ? await repo.find({
          where: [
            { territory, leftRecordId: In(recordIds) },
            { territory, rightRecordId: In(recordIds) },
          ],
          order: { createdAt: 'ASC' },
        })
      : await repo.find({ where: { territory }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ kind: r.kind, leftRecordId: r.leftRecordId, rightRecordId: r.rightRecordId }));
  }

  async saveDecision(territory: string, decision: HumanDecision, decidedBy: string, reason: string | null): Promise<void> {
    await this.db.getRepository(LinkageDecision).insert({ territory, ...decision, decidedBy, reason });
  }

  async insertLinks(
    territory: string,
    links: readonly LinkExplanation[],
    status: LinkStatus,
    source: LinkSource,
    db: EntityManager = this.db.manager,
  ): Promise<void> {
    const rows = links.map((l) => ({
      territory,
      leftRecordId: l.leftRecordId,
      rightRecordId: l.rightRecordId,
      status,
      source,
      probability: Number.isFinite(l.probability) ? l.probability : 1,
      matchWeight: Number.isFinite(l.matchWeight) ? l.matchWeight : 0,
      evidence: l.evidence,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) await db.getRepository(LinkageLink).insert(rows.slice(i, i + CHUNK));
  }

  /** Automatic links and open reviews of a territory are recomputed by each batch run. */
  async deleteAutomaticLinks(territory: string): Promise<void> {
    await this.db.getRepository(LinkageLink).delete({ territory, source: 'automatic' });
  }

  async deleteReviewsOfPair(leftRecordId: string, rightRecordId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM linkage_link WHERE status = 'review' AND ((left_record_id = $1 AND right_record_id = $2) OR (left_record_id = $2 AND right_record_id = $1))`,
      [leftRecordId, rightRecordId],
    );
  }

  async findLinks(territory: string, status: LinkStatus, limit: number): Promise<LinkageLink[]> {
    return this.db.getRepository(LinkageLink).find({ where: { territory, status }, order: { probability: 'DESC' }, take: limit });
  }

  async findLinksOfRecord(territory: string, recordId: string): Promise<LinkageLink[]> {
    return this.db.getRepository(LinkageLink).find({
      where: [
        { territory, leftRecordId: recordId },
        { territory, rightRecordId: recordId },
      ],
      order: { createdAt: 'ASC' },
    });
  }
}
