import { clusterRecords } from './clustering';

const rules = { linkLogOdds: 2, vetoLogOdds: -5, maxClusterSize: 10 };

describe('clusterRecords', () => {
  it('links a chain of strong edges', () => {
    const clusters = clusterRecords(
      3,
      [
        { left: 0, right: 1, logOdds: 9 },
        { left: 1, right: 2, logOdds: 8 },
      ],
      rules,
      { pairLogOdds: () => 0 },
    );
    expect(clusters.find(0)).toBe(clusters.find(2));
  });

  it('refuses to chain two records that strongly disagree (A~B, B~C, A≠C)', () => {
    const pair = (a: number, b: number) => (Math.min(a, b) === 0 && Math.max(a, b) === 2 ? -20 : 0);
    const clusters = clusterRecords(
      3,
      [
        { left: 0, right: 1, logOdds: 9 },
        { left: 1, right: 2, logOdds: 8 },
      ],
      rules,
      { pairLogOdds: pair },
    );
    expect(clusters.find(0)).toBe(clusters.find(1));
    expect(clusters.find(2)).not.toBe(clusters.find(0));
  });

  it('ignores edges below the link threshold', () => {
    const clusters = clusterRecords(2, [{ left: 0, right: 1, logOdds: 1 }], rules, { pairLogOdds: () => 0 });
    expect(clusters.find(0)).not.toBe(clusters.find(1));
  });

  it('never merges across a human split, even for a human merge elsewhere', () => {
    const apart = (a: number, b: number) => Math.min(a, b) === 0 && Math.max(a, b) === 2;
    const clusters = clusterRecords(
      3,
      [
        { left: 0, right: 1, logOdds: Infinity },
        { left: 1, right: 2, logOdds: Infinity },
      ],
      rules,
      {
        pairLogOdds: () => 0,
        mustStayApart: apart,
      },
    );
    expect(clusters.find(2)).not.toBe(clusters.find(0));
  });
});
