import { blockingKeys } from './blocking';
import { buildingKey } from './co-resident-stage';
import { COMPARISONS, compareRecords } from './comparison';
import { explainPair, LinkExplanation } from './explanation';
import { HouseholdModel, scoreHouseholdPair } from './household-model';
import { NormalisedRecord } from './record';

/**
 * Real-time linking of one arriving record against known records and their households, with
 * a model estimated by the last batch run. Candidates come from the same blocking keys as the
 * batch; the record joins the household of its best candidate when the posterior reaches the
 * link probability and no member of that household contradicts it.
 */
export interface IncrementalDecision {
  readonly recordId: string;
  readonly householdKey: string | null;
  readonly decision: 'link' | 'review' | 'new-household';
  readonly explanation: LinkExplanation | null;
}

export interface KnownRecord {
  readonly record: NormalisedRecord;
  readonly householdKey: string;
}

export class IncrementalIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly known: KnownRecord[] = [];
  private readonly members = new Map<string, number[]>();

  constructor(
    private readonly model: HouseholdModel,
    private readonly linkProbability: number,
    private readonly reviewProbability: number,
    private readonly maxBlockSize = 200,
  ) {}

  get size(): number {
    return this.known.length;
  }

  add(entry: KnownRecord): void {
    const index = this.known.length;
    this.known.push(entry);
    for (const key of blockingKeys(entry.record)) {
      const list = this.byKey.get(key);
      if (list) list.push(index);
      else this.byKey.set(key, [index]);
    }
    const list = this.members.get(entry.householdKey);
    if (list) list.push(index);
    else this.members.set(entry.householdKey, [index]);
  }

  candidates(record: NormalisedRecord): number[] {
    const seen = new Set<number>();
    for (const key of blockingKeys(record)) {
      const list = this.byKey.get(key);
      if (!list || list.length > this.maxBlockSize) continue;
      for (const i of list) seen.add(i);
    }
    return [...seen];
  }

  link(record: NormalisedRecord, register = true): IncrementalDecision {
    const link = Math.log(this.linkProbability / (1 - this.linkProbability));
    const review = Math.log(this.reviewProbability / (1 - this.reviewProbability));
    const scored = this.candidates(record)
      .map((i) => ({ i, vector: compareRecords(record, this.known[i].record, COMPARISONS) }))
      .map((c) => ({ ...c, score: scoreHouseholdPair(this.model, c.vector) }))
      .sort((a, b) => b.score.logOdds - a.score.logOdds);
    let decision: IncrementalDecision = { recordId: record.recordId, householdKey: null, decision: 'new-household', explanation: null };
    for (const best of scored) {
      if (best.score.logOdds < review) break;
      const householdKey = this.known[best.i].householdKey;
      const explanation = explainPair(
        best.score.model,
        record.recordId,
        this.known[best.i].record.recordId,
        best.vector,
        best.score.logOdds,
      );
      if (best.score.logOdds >= link && this.consistentWith(record, householdKey)) {
        decision = { recordId: record.recordId, householdKey, decision: 'link', explanation };
        break;
      }
      if (decision.decision === 'new-household') decision = { recordId: record.recordId, householdKey, decision: 'review', explanation };
    }
    if (register) this.add({ record, householdKey: decision.decision === 'link' ? (decision.householdKey as string) : record.recordId });
    return decision;
  }

  /** Hard conflicts with a member: another CAF number, or another flat of the same building. */
  private consistentWith(record: NormalisedRecord, householdKey: string): boolean {
    for (const i of this.members.get(householdKey) ?? []) {
      const other = this.known[i].record;
      if (record.cafNumber && other.cafNumber && record.cafNumber !== other.cafNumber) return false;
      const sameBuilding = buildingKey(record) === buildingKey(other);
      if (sameBuilding && record.unit.flat && other.unit.flat && record.unit.flat !== other.unit.flat) return false;
    }
    return true;
  }
}
