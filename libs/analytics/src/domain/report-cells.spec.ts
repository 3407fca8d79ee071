import { analyseExperiment, ArmCounts, Experiment, ExperimentDesign } from '@unisson/experiments';
import { maskExperiment } from './report-cells';

const design: ExperimentDesign = {
  key: 'sms-93',
  name: 'SMS du premier impayé',
  territory: '93',
  stage: 'premier_impaye',
  purpose: 'rappelImpaye',
  channel: 'sms',
  arms: [
    { name: 'A', variant: 'reassuring.short.picto', weight: 1 },
    { name: 'B', variant: 'neutral.short.plain', weight: 1 },
  ],
  holdoutShare: 0.1,
  primaryResponseKinds: ['sms_replied'],
  responseWindowDays: 14,
  baselineRate: 0.2,
  minimumDetectableEffect: 0.2,
  alpha: 0.05,
  power: 0.8,
};

const masked = (counts: ArmCounts[]) => {
  const experiment = { ...design, id: 'e1', status: 'running', plannedUnits: 500, allocation: 'fixed' } as unknown as Experiment;
  return maskExperiment({ experiment, report: analyseExperiment(design, counts) }, 'secret');
};

describe('an experiment report as analysts read it', () => {
  it('tester’s 1/1/0 split: no progress, no chi-square, nothing to recompute the hidden arms from', () => {
    const report = masked([
      { arm: 'A', units: 1, responders: 0 },
      { arm: 'B', units: 1, responders: 1 },
    ]);
    expect(report.arms.map((a) => a.units)).toEqual([
      { value: null, hidden: true },
      { value: null, hidden: true },
    ]);
    expect(report.progress).toBeNull(); // was 0.004 × 500 planned = 2 units
    expect(report.sampleRatio.chiSquare).toBeNull(); // was 0.2222, what a 1/1/0 split gives
    expect(report.sampleRatio.pValue).toBeNull();
    expect(report.comparisons).toEqual([]);
  });

  it('once every arm shows its count: progress to the point from the rounded count, rates and tests coarsened', () => {
    const report = masked([
      { arm: 'A', units: 174, responders: 26 },
      { arm: 'B', units: 181, responders: 52 },
      { arm: 'holdout', units: 43, responders: 12 },
    ]);
    for (const a of [...report.arms, report.holdout!]) expect((a.units.value ?? 0) % 5).toBe(0);
    expect(report.arms[0]!.rate).toBe(0.15);
    expect(report.progress).not.toBeNull();
    expect(Math.round(report.progress! * 100)).toBe(report.progress! * 100);
    expect(report.sampleRatio.chiSquare! * 10).toBe(Math.round(report.sampleRatio.chiSquare! * 10));
    const [b] = report.comparisons;
    expect(b!.difference).toBe(Math.round(b!.difference * 100) / 100);
    expect(b!.differenceInterval.low * 100).toBe(Math.round(b!.differenceInterval.low * 100));
  });
});
