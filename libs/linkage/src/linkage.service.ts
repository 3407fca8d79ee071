import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnissonError } from '@unisson/platform';
import { blockKeyHash } from '@unisson/crypto';
import { statementsOn } from '@unisson/database';
import { blockingKeys } from './domain/blocking';
import { HouseholdMatcher, LinkageThresholds } from './domain/household-matcher';
import { IncrementalDecision, IncrementalIndex } from './domain/incremental-index';
import { normaliseRecord, PartnerRecordInput } from './domain/record';
import { HumanDecision, HumanDecisionKind } from './domain/review-decisions';
import { HouseholdModel } from './domain/household-model';
import { LINKAGE_THRESHOLDS } from './linkage.config';
import { LinkageRepository } from './linkage.repository';

/**
 * The model a territory uses until its first re-link estimates its own: fitted on the French
 * development set (`npm run link -- --model-out`), so real-time linking works from day one.
 */
export function coldStartModel(): HouseholdModel {
  const file = join(__dirname, '..', 'models', 'cold-start.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { model: HouseholdModel }).model;
}

/** Below this many records a territory keeps the model in use (the cold-start one at first) rather than estimating its own. */
export const MIN_RECORDS_TO_ESTIMATE = 2_000;

export interface RelinkSummary {
  readonly territory: string;
  readonly records: number;
  readonly households: number;
  readonly links: number;
  readonly reviews: number;
}

/** Use cases of household matching: real-time linking, batch re-linking, human review. */
@Injectable()
export class LinkageService {
  private readonly models = new Map<string, HouseholdModel>();
  private coldStart: HouseholdModel | undefined;

  constructor(
    private readonly repository: LinkageRepository,
    @Inject(LINKAGE_THRESHOLDS) private readonly thresholds: LinkageThresholds,
  ) {}

  /**
   * Links one arriving record against the territory's records (blocking-key index), with the
   * model of the last batch run. Human splits with the candidate household are respected.
   * Given the caller's transaction (`manager`), every read and write goes through its connection:
   * a job holding a transaction never waits for a second one from the pool (with as many jobs as
   * connections, that wait is a deadlock), and the record is saved or rolled back with the job.
   */
  async linkRecord(territory: string, input: PartnerRecordInput, manager?: EntityManager): Promise<IncrementalDecision> {
    const record = normaliseRecord(input);
    // Keyed (blind-index secret): the stored hashes reveal nothing to a dump.
    const keyHashes = blockingKeys(record).map(blockKeyHash);
    // One round trip for the candidates and their records, alongside the decisions and the model.
    const [model, candidates, decisions] = await statementsOn(manager, [
      () => this.model(territory, manager),
      () => this.repository.findCandidates(territory, keyHashes, this.thresholds.maxBlockSize, record.recordId, manager),
      () => this.repository.findDecisions(territory, [record.recordId], manager),
    ]);
    const apart = new Set(decisions.filter((d) => d.kind === 'split').flatMap((d) => [d.leftRecordId, d.rightRecordId]));
    const index = new IncrementalIndex(model, this.thresholds.linkProbability, this.thresholds.reviewProbability, Number.MAX_SAFE_INTEGER);
    const forbidden = new Set(candidates.filter((c) => apart.has(c.record.recordId)).map((c) => c.householdKey));
    for (const c of candidates) if (!forbidden.has(c.householdKey)) index.add(c);
    const decision = index.link(record, false);
    const householdKey = decision.decision === 'link' && decision.householdKey ? decision.householdKey : record.recordId;
    const explanation = decision.explanation;
    await statementsOn(manager, [
      () => this.repository.saveRecord(territory, { record, householdKey }, keyHashes, manager),
      async () =>
        explanation &&
        this.repository.insertLinks(territory, [explanation], decision.decision === 'link' ? 'linked' : 'review', 'automatic', manager),
    ]);
    return { ...decision, householdKey };
  }

  /** Re-links a whole territory: re-estimates the model, rebuilds households, keeps human decisions. */
  async relinkTerritory(territory: string): Promise<RelinkSummary> {
    const stored = await this.repository.findTerritoryRecords(territory);
    const decisions = await this.repository.findDecisions(territory);
    const matcher = new HouseholdMatcher(this.thresholds);
    const records = stored.map((s) => s.record).sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
    // Too few records to estimate m/u probabilities well: re-link with the model in use instead.
    const fixedModel = records.length < MIN_RECORDS_TO_ESTIMATE ? await this.model(territory) : undefined;
    const run = matcher.linkNormalised(records, decisions, fixedModel);
    await this.repository.updateHouseholdKeys(run.assignments);
    await this.repository.deleteAutomaticLinks(territory);
    await this.repository.insertLinks(territory, run.links, 'linked', 'automatic');
    await this.repository.insertLinks(territory, run.reviews, 'review', 'automatic');
    if (!fixedModel) {
      await this.repository.saveModel(territory, run.model, records.length);
      this.models.set(territory, run.model);
    }
    return {
      territory,
      records: records.length,
      households: new Set(run.assignments.map((a) => a.householdKey)).size,
      links: run.links.length,
      reviews: run.reviews.length,
    };
  }

  /** Each record's household-matching group (the key record's id), for a territory. */
  householdKeys(territory: string): Promise<Map<string, string>> {
    return this.repository.findHouseholdKeys(territory);
  }

  async openReviews(territory: string, limit = 100) {
    return this.repository.findLinks(territory, 'review', limit);
  }

  /** A record's links within the reader's territory only: another territory's records are not theirs to see. */
  async recordInTerritory(territory: string, recordId: string): Promise<boolean> {
    return (await this.repository.findRecordIdsInTerritory(territory, [recordId])).has(recordId);
  }

  async linksOfRecord(territory: string, recordId: string) {
    return this.repository.findLinksOfRecord(territory, recordId);
  }

  /**
   * Records a human decision and applies it now: confirm/merge puts both records' households
   * together, split moves the right record to a household of its own. Later batch runs read
   * every decision and never undo it.
   */
  async decide(
    territory: string,
    kind: HumanDecisionKind,
    leftRecordId: string,
    rightRecordId: string,
    decidedBy: string,
    reason: string | null = null,
  ): Promise<void> {
    const [left, right, inTerritory] = await Promise.all([
      this.repository.findRecords([leftRecordId]),
      this.repository.findRecords([rightRecordId]),
      this.repository.findRecordIdsInTerritory(territory, [leftRecordId, rightRecordId]),
    ]);
    if (!inTerritory.has(leftRecordId)) left.length = 0;
    if (!inTerritory.has(rightRecordId)) right.length = 0;
    if (left.length === 0 || right.length === 0) {
      throw new UnissonError(
        'LINKAGE_RECORD_NOT_FOUND',
        `Enregistrement inconnu : ${left.length === 0 ? leftRecordId : rightRecordId}. Vérifiez l’identifiant ou relancez le rapprochement du territoire.`,
        404,
      );
    }
    const decision: HumanDecision = { kind, leftRecordId, rightRecordId };
    await this.repository.saveDecision(territory, decision, decidedBy, reason);
    await this.repository.deleteReviewsOfPair(leftRecordId, rightRecordId);
    if (kind === 'split') {
      if (left[0].householdKey === right[0].householdKey) await this.repository.setHouseholdKey(rightRecordId, rightRecordId);
    } else if (left[0].householdKey !== right[0].householdKey) {
      await this.repository.moveHousehold(territory, right[0].householdKey, left[0].householdKey);
    }
  }

  private async model(territory: string, manager?: EntityManager): Promise<HouseholdModel> {
    const cached = this.models.get(territory);
    if (cached) return cached;
    const stored = await this.repository.findModel(territory, manager);
    if (stored) {
      this.models.set(territory, stored);
      return stored;
    }
    this.coldStart ??= coldStartModel();
    return this.coldStart;
  }
}
