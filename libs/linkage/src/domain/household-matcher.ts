import { generateCandidatePairs } from './blocking';
import { clusterRecords, ClusteringRules, DisjointClusters, ScoredEdge } from './clustering';
import { coResidentCandidates, compareProfiles, PersonPair, profileOf, ResidentProfile } from './co-resident-stage';
import { COMPARISONS, ComparisonDefinition, compareRecords } from './comparison';
import { explainPair, LinkExplanation } from './explanation';
import { chooseLinkThreshold } from './link-threshold';
import { estimateRandomPairU, FellegiSunterModel, PatternTable, patternLogOdds } from './fellegi-sunter';
import {
  HouseholdModel,
  inCoResidentPopulation,
  scoreHouseholdPair,
  sharesHouseholdIdentifier,
  withoutPersonFields,
} from './household-model';
import { estimateCoResidentModel, estimatePersonModel } from './model-estimation';
import { normaliseRecord, NormalisedRecord, PartnerRecordInput } from './record';
import { DecisionIndex, HumanDecision, indexDecisions } from './review-decisions';

/** Decision thresholds, as posterior probabilities that two records are one household. */
export interface LinkageThresholds {
  /**
   * At or above: always linked automatically. Below it, down to minLinkProbability, a link
   * is made while the model's expected share of false links stays under targetFalseLinkRate.
   */
  readonly linkProbability: number;
  readonly minLinkProbability: number;
  readonly targetFalseLinkRate: number;
  /** At or above (and below link): sent to a human. Below: kept apart. */
  readonly reviewProbability: number;
  /** A pair at or below this probability forbids its two clusters from merging. */
  readonly vetoProbability: number;
  readonly maxClusterSize: number;
  readonly maxBlockSize: number;
}

export const DEFAULT_THRESHOLDS: LinkageThresholds = {
  linkProbability: 0.99,
  minLinkProbability: 0.9,
  targetFalseLinkRate: 0.0025,
  reviewProbability: 0.5,
  vetoProbability: 0.01,
  maxClusterSize: 16,
  maxBlockSize: 50,
};

export type PairDecision = 'link' | 'review' | 'apart';

export interface HouseholdAssignment {
  readonly recordId: string;
  /** Stable identifier of the cluster: the smallest record id among its members. */
  readonly householdKey: string;
}

export interface LinkageRun {
  readonly model: HouseholdModel;
  readonly assignments: HouseholdAssignment[];
  /** Links that built the clusters, with their explanations. */
  readonly links: LinkExplanation[];
  /** Pairs between review and link thresholds left in different clusters: for a human. */
  readonly reviews: LinkExplanation[];
  readonly linkCount: number;
  readonly reviewCount: number;
  readonly candidatePairs: number;
  /** Link thresholds actually used by each stage (person, co-resident), as probabilities. */
  readonly linkProbabilities: readonly number[];
}

const logit = (p: number) => Math.log(p / (1 - p));
const byRecordId = (a: PartnerRecordInput, b: PartnerRecordInput) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);

interface Stage {
  readonly edges: ScoredEdge[];
  readonly explain: (edge: ScoredEdge) => LinkExplanation;
}

/**
 * The public pure API. Normalises partner records, generates candidates, estimates the
 * Fellegi-Sunter models from the data (EM), then builds households in two stages: records
 * of one person (person model), then two persons of one flat (co-resident model over
 * person profiles). Human review decisions are applied on top and never undone.
 */
export class HouseholdMatcher {
  constructor(
    readonly thresholds: LinkageThresholds = DEFAULT_THRESHOLDS,
    readonly comparisons: readonly ComparisonDefinition[] = COMPARISONS,
  ) {}

  decide(probability: number): PairDecision {
    if (probability >= this.thresholds.linkProbability) return 'link';
    if (probability >= this.thresholds.reviewProbability) return 'review';
    return 'apart';
  }

  link(
    inputs: readonly PartnerRecordInput[],
    decisions: readonly HumanDecision[] = [],
    model?: HouseholdModel,
    explain = true,
  ): LinkageRun {
    return this.linkNormalised([...inputs].sort(byRecordId).map(normaliseRecord), decisions, model, explain);
  }

  /**
   * explain = false skips building explanation objects (a million-record CLI run only needs the
   * clusters); linkCount and reviewCount are filled either way.
   */
  linkNormalised(
    records: readonly NormalisedRecord[],
    decisions: readonly HumanDecision[] = [],
    fixedModel?: HouseholdModel,
    explain = true,
  ): LinkageRun {
    const { left, right } = generateCandidatePairs(records, this.thresholds.maxBlockSize);
    const table = new PatternTable();
    const patternOf = new Int32Array(left.length);
    for (let k = 0; k < left.length; k++) patternOf[k] = table.add(compareRecords(records[left[k]], records[right[k]], this.comparisons));
    const person = fixedModel?.person ?? estimatePersonModel(records, table, this.comparisons, this.thresholds.maxBlockSize);
    const decisionIndex = indexDecisions(records, decisions);
    const compare = (a: number, b: number) => compareRecords(records[a], records[b], this.comparisons);

    // Stage 1: records of one person.
    const personScore = table.vectors.map((v) => patternLogOdds(person, v));
    const stage1 = this.personStage(records, left, right, (k) => personScore[patternOf[k]], person, decisionIndex);
    const rules1 = this.rules(stage1.edges);
    const clusters = clusterRecords(records.length, stage1.edges, rules1, {
      pairLogOdds: (a, b) => decisionIndex.forcedLogOdds(a, b) ?? patternLogOdds(person, compare(a, b)),
      mustStayApart: (a, b) => decisionIndex.mustStayApart(a, b),
    });

    // Stage 2: two persons of one flat.
    const personPairs = coResidentCandidates(
      records,
      left,
      right,
      (k) => inCoResidentPopulation(table.vectors[patternOf[k]]) || sharesHouseholdIdentifier(table.vectors[patternOf[k]]),
      clusters,
    );
    const profiles = new Map<number, ResidentProfile>();
    const profile = (root: number) => {
      let p = profiles.get(root);
      if (!p) profiles.set(root, (p = profileOf(clusters.members[root].map((i) => records[i]))));
      return p;
    };
    const vectors = personPairs.map((p) => compareProfiles(profile(p.left), profile(p.right), p.building, this.comparisons));
    const coResident = fixedModel ? fixedModel.coResident : this.estimateCoResident(vectors, clusters, profile);
    const model: HouseholdModel = { person, coResident };
    const stage2 = coResident ? this.coResidentStage(records, personPairs, vectors, coResident) : { edges: [], explain: stage1.explain };
    // One false-link budget for the whole run: the co-resident links share it with person links.
    const rules2 = this.rules([...stage1.edges, ...stage2.edges]);
    clusterRecords(
      records.length,
      stage2.edges,
      rules2,
      {
        pairLogOdds: (a, b) =>
          decisionIndex.forcedLogOdds(a, b) ?? (coResident ? patternLogOdds(coResident, withoutPersonFields(compare(a, b))) : 0),
        mustStayApart: (a, b) => decisionIndex.mustStayApart(a, b),
      },
      clusters,
    );
    return this.summarise(records, clusters, [stage1, stage2], model, left.length, [rules1.linkLogOdds, rules2.linkLogOdds], explain);
  }

  private rules(edges: readonly ScoredEdge[]): ClusteringRules {
    const policy = {
      targetFalseLinkRate: this.thresholds.targetFalseLinkRate,
      floorProbability: Math.min(this.thresholds.minLinkProbability, this.thresholds.linkProbability),
      ceilingProbability: this.thresholds.linkProbability,
    };
    return {
      linkLogOdds: chooseLinkThreshold(
        edges.map((e) => e.logOdds),
        policy,
      ),
      vetoLogOdds: logit(this.thresholds.vetoProbability),
      maxClusterSize: this.thresholds.maxClusterSize,
    };
  }

  private personStage(
    records: readonly NormalisedRecord[],
    left: Int32Array,
    right: Int32Array,
    score: (k: number) => number,
    person: FellegiSunterModel,
    decisions: DecisionIndex,
  ): Stage {
    const reviewLogOdds = logit(this.thresholds.reviewProbability);
    const edges: ScoredEdge[] = [];
    for (let k = 0; k < left.length; k++) {
      const logOdds = decisions.forcedLogOdds(left[k], right[k]) ?? score(k);
      if (logOdds >= reviewLogOdds) edges.push({ left: left[k], right: right[k], logOdds });
    }
    for (const [a, b] of decisions.forcedLinks()) edges.push({ left: a, right: b, logOdds: Infinity });
    const explain = (e: ScoredEdge) =>
      explainPair(
        person,
        records[e.left].recordId,
        records[e.right].recordId,
        compareRecords(records[e.left], records[e.right], this.comparisons),
        e.logOdds,
      );
    return { edges, explain };
  }

  private estimateCoResident(
    vectors: readonly Int8Array[],
    clusters: DisjointClusters,
    profile: (root: number) => ResidentProfile,
  ): FellegiSunterModel | null {
    const table = new PatternTable();
    for (const v of vectors) table.add(v);
    const roots = clusters.members.flatMap((m, root) => (m.length > 0 ? [root] : []));
    const randomU = estimateRandomPairU(
      roots,
      this.comparisons.map((c) => ({
        levels: c.levels,
        compare: (a: number, b: number) => compareProfiles(profile(a), profile(b), '', [c])[0],
      })),
      50_000,
    );
    return estimateCoResidentModel(table, this.comparisons, randomU);
  }

  private coResidentStage(
    records: readonly NormalisedRecord[],
    pairs: readonly PersonPair[],
    vectors: readonly Int8Array[],
    model: FellegiSunterModel,
  ): Stage {
    const reviewLogOdds = logit(this.thresholds.reviewProbability);
    const edges: ScoredEdge[] = [];
    const vectorOf = new Map<string, Int8Array>();
    pairs.forEach((p, i) => {
      const logOdds = patternLogOdds(model, vectors[i]);
      if (logOdds < reviewLogOdds) return;
      edges.push({ left: p.left, right: p.right, logOdds });
      vectorOf.set(`${p.left}:${p.right}`, vectors[i]);
    });
    const explain = (e: ScoredEdge) =>
      explainPair(model, records[e.left].recordId, records[e.right].recordId, vectorOf.get(`${e.left}:${e.right}`) as Int8Array, e.logOdds);
    return { edges, explain };
  }

  private summarise(
    records: readonly NormalisedRecord[],
    clusters: DisjointClusters,
    stages: readonly Stage[],
    model: HouseholdModel,
    candidatePairs: number,
    linkLogOdds: readonly number[],
    explain: boolean,
  ): LinkageRun {
    const keyOfRoot = new Map<number, string>();
    for (let i = 0; i < records.length; i++) {
      const root = clusters.find(i);
      const current = keyOfRoot.get(root);
      if (current === undefined || records[i].recordId < current) keyOfRoot.set(root, records[i].recordId);
    }
    const assignments = records.map((r, i) => ({ recordId: r.recordId, householdKey: keyOfRoot.get(clusters.find(i)) ?? r.recordId }));
    const links: LinkExplanation[] = [];
    const reviews: LinkExplanation[] = [];
    let linkCount = 0;
    let reviewCount = 0;
    stages.forEach((stage, s) => {
      for (const e of stage.edges) {
        const same = clusters.find(e.left) === clusters.find(e.right);
        if (same && e.logOdds >= linkLogOdds[s] && Number.isFinite(e.logOdds)) {
          linkCount++;
          if (explain) links.push(stage.explain(e));
        } else if (!same && e.logOdds < linkLogOdds[s]) {
          reviewCount++;
          if (explain) reviews.push(stage.explain(e));
        }
      }
    });
    return {
      model,
      assignments,
      links,
      reviews,
      linkCount,
      reviewCount,
      candidatePairs,
      linkProbabilities: linkLogOdds.map((l) => 1 / (1 + Math.exp(-l))),
    };
  }

  /** Explains one record pair with the household model (person or co-resident evidence). */
  explain(model: HouseholdModel, a: NormalisedRecord, b: NormalisedRecord, logOdds?: number): LinkExplanation {
    const vector = compareRecords(a, b, this.comparisons);
    const score = scoreHouseholdPair(model, vector);
    const shown = score.model === model.person ? vector : withoutPersonFields(vector);
    return explainPair(score.model, a.recordId, b.recordId, shown, logOdds ?? score.logOdds);
  }
}
