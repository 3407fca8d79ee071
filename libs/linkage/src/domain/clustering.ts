/**
 * Household clusters from scored pairs. Edges are merged strongest first (union-find), and a
 * merge is refused when any pair across the two clusters is strong evidence of two different
 * households (e.g. two CAF numbers, two flats of one building with other names) or when the
 * two clusters were split by a person. This stops chaining: A~B and B~C never force A with C
 * when A and C visibly disagree.
 */
export interface ScoredEdge {
  readonly left: number;
  readonly right: number;
  readonly logOdds: number;
}

export interface ClusteringRules {
  /** Minimum log-odds for an edge to be used. */
  readonly linkLogOdds: number;
  /** Log-odds at or below which a cross-cluster pair vetoes the merge. */
  readonly vetoLogOdds: number;
  /** Largest household cluster allowed. */
  readonly maxClusterSize: number;
}

export interface ClusterConstraints {
  /** Log-odds of any pair (computed on demand for pairs that were not candidates). */
  readonly pairLogOdds: (a: number, b: number) => number;
  /** True when a human decided these two records are different households. */
  readonly mustStayApart?: (a: number, b: number) => boolean;
}

export class DisjointClusters {
  private readonly parent: Int32Array;
  readonly members: number[][];

  constructor(size: number) {
    this.parent = new Int32Array(size);
    this.members = [];
    for (let i = 0; i < size; i++) {
      this.parent[i] = i;
      this.members.push([i]);
    }
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[i] !== root) {
      const next = this.parent[i];
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.members[ra].length < this.members[rb].length) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    for (const x of this.members[rb]) this.members[ra].push(x);
    this.members[rb] = [];
    return ra;
  }
}

function mergeAllowed(
  a: readonly number[],
  b: readonly number[],
  human: boolean,
  rules: ClusteringRules,
  constraints: ClusterConstraints,
): boolean {
  if (!human && a.length + b.length > rules.maxClusterSize) return false;
  for (const x of a) {
    for (const y of b) {
      if (constraints.mustStayApart?.(x, y)) return false;
      if (!human && constraints.pairLogOdds(x, y) <= rules.vetoLogOdds) return false;
    }
  }
  return true;
}

/** Human-confirmed edges carry +Infinity: they bypass the statistical veto, never a human split. */
/** Returns, for each record index, the index of its cluster representative. */
export function clusterRecords(
  size: number,
  edges: readonly ScoredEdge[],
  rules: ClusteringRules,
  constraints: ClusterConstraints,
  clusters = new DisjointClusters(size),
): DisjointClusters {
  const usable = edges
    .filter((e) => e.logOdds >= rules.linkLogOdds)
    .sort((x, y) => y.logOdds - x.logOdds || x.left - y.left || x.right - y.right);
  for (const edge of usable) {
    const ra = clusters.find(edge.left);
    const rb = clusters.find(edge.right);
    if (ra === rb) continue;
    if (mergeAllowed(clusters.members[ra], clusters.members[rb], edge.logOdds === Infinity, rules, constraints)) clusters.union(ra, rb);
  }
  return clusters;
}
