import { analyseExperiment, thompsonWeights } from './analysis';
import { armOf, ExperimentDesign, HOLDOUT_ARM, inScope, plannedSampleSize, purposeProblem } from './experiment';
import { simulateExperiments } from './simulation';

const design: ExperimentDesign = {
  key: 'sms-premier-impaye-93',
  name: 'SMS du premier impayé : rassurant ou neutre',
  territory: '93',
  stage: 'premier_impaye',
  purpose: 'smsPremierImpaye',
  channel: 'sms',
  arms: [
    { name: 'A', variant: 'reassuring.short.picto', weight: 1 },
    { name: 'B', variant: 'neutral.short.plain', weight: 1 },
  ],
  holdoutShare: 0.1,
  primaryResponseKinds: ['callback_requested'],
  responseWindowDays: 14,
  baselineRate: 0.2,
  minimumDetectableEffect: 0.05,
  alpha: 0.05,
  power: 0.8,
};
const households = Array.from({ length: 20_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('experiment design and assignment', () => {
  it('computes the sample size up front: 1,094 per arm for 20 % → 25 %, the holdout on top', () => {
    const plan = plannedSampleSize(design);
    expect(plan.perArm).toBe(1094);
    expect(plan.total).toBe(2188);
    expect(plan.withHoldout).toBe(Math.ceil(2188 / 0.9));
    // Three arms: two comparisons with the control, Bonferroni, so more per arm.
    const three = plannedSampleSize({ ...design, arms: [...design.arms, { name: 'C', variant: 'firm.short.plain', weight: 1 }] });
    expect(three.perArm).toBeGreaterThan(1094);
  });

  it('gives a household the same arm on every message, and spreads households by weight with the holdout apart', () => {
    expect(households.slice(0, 50).map((h) => armOf(design, h))).toEqual(households.slice(0, 50).map((h) => armOf(design, h)));
    const weighted = { ...design, arms: [design.arms[0]!, { ...design.arms[1]!, weight: 3 }] };
    const tally = new Map<string, number>();
    for (const h of households) tally.set(armOf(weighted, h), (tally.get(armOf(weighted, h)) ?? 0) + 1);
    expect((tally.get(HOLDOUT_ARM) ?? 0) / households.length).toBeCloseTo(0.1, 1);
    expect((tally.get('B') ?? 0) / (tally.get('A') ?? 1)).toBeGreaterThan(2.7);
    expect((tally.get('B') ?? 0) / (tally.get('A') ?? 1)).toBeLessThan(3.3);
    // Another experiment splits the same households independently.
    const other = households.filter((h) => armOf({ ...design, key: 'autre' }, h) === 'A' && armOf(design, h) === 'A').length;
    expect(other / households.length).toBeCloseTo(0.45 * 0.45, 1);
  });

  it('applies to its territory, stage, purpose and channel only', () => {
    const msg = { territory: '93', stage: 'premier_impaye', purpose: 'smsPremierImpaye', channel: 'sms' };
    expect(inScope(design, msg)).toBe(true);
    expect(inScope(design, { ...msg, territory: '91' })).toBe(false);
    expect(inScope(design, { ...msg, channel: 'email' })).toBe(false);
  });
});

describe('experiment report', () => {
  it('declares the better variant once the sequential interval leaves zero, with every figure an analyst quotes', () => {
    const report = analyseExperiment(design, [
      { arm: 'A', units: 1500, responders: 300 },
      { arm: 'B', units: 1500, responders: 420 },
      { arm: HOLDOUT_ARM, units: 330, responders: 64 },
    ]);
    const [b] = report.comparisons;
    expect(b!.difference).toBeCloseTo(0.08, 10);
    expect(b!.differenceInterval.low).toBeGreaterThan(0);
    expect(b!.pValue).toBeLessThan(0.001);
    expect(b!.chanceToBeatControl).toBeGreaterThan(0.99);
    expect(b!.verdict).toBe('better');
    expect(report.sampleRatio.mismatch).toBe(false);
    expect(report.planReached).toBe(true);
    expect(report.holdout?.rate).toBeCloseTo(64 / 330, 10);
  });

  it('says "running" while the evidence is thin, and warns of a sample-ratio mismatch', () => {
    const early = analyseExperiment(design, [
      { arm: 'A', units: 100, responders: 20 },
      { arm: 'B', units: 100, responders: 27 },
    ]);
    expect(early.comparisons[0]!.verdict).toBe('running');
    expect(early.progress).toBeCloseTo(200 / 2188, 5);
    const skewed = analyseExperiment(design, [
      { arm: 'A', units: 1000, responders: 200 },
      { arm: 'B', units: 1300, responders: 260 },
      { arm: HOLDOUT_ARM, units: 250, responders: 50 },
    ]);
    expect(skewed.sampleRatio.mismatch).toBe(true);
  });

  it('Holm-adjusts the comparisons of three arms', () => {
    const three = { ...design, arms: [...design.arms, { name: 'C', variant: 'firm.short.plain', weight: 1 }] };
    const report = analyseExperiment(three, [
      { arm: 'A', units: 800, responders: 160 },
      { arm: 'B', units: 800, responders: 195 },
      { arm: 'C', units: 800, responders: 170 },
    ]);
    const [b, cc] = report.comparisons;
    expect(b!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * b!.pValue), 10); // the smaller p-value doubles
    expect(cc!.adjustedPValue).toBeGreaterThanOrEqual(b!.adjustedPValue);
  });
});

describe('Thompson sampling', () => {
  it('moves weight towards the better arm but never under the floor', () => {
    const w = thompsonWeights(
      [
        { units: 500, responders: 50 },
        { units: 500, responders: 90 },
      ],
      0.1,
    );
    expect(w[1]).toBeGreaterThan(0.85);
    expect(w[0]).toBeGreaterThanOrEqual(0.1);
    expect(w[0]! + w[1]!).toBeCloseTo(1, 10);
  });
});

describe('simulated experiments', () => {
  it('95 % intervals hold the truth about 95 % of the time; A/A experiments looked at daily rarely declare a winner', () => {
    const s = simulateExperiments({ experiments: 2000, aaExperiments: 600, days: 28, seed: 7 });
    expect(s.coverage).toBeGreaterThanOrEqual(0.93);
    expect(s.coverage).toBeLessThanOrEqual(0.97);
    expect(s.aaFalseWinnerRate).toBeLessThanOrEqual(0.05);
    // Without the sequential rule, daily looks would declare many winners: the test can tell.
    expect(s.aaNaivePeekingFalseWinnerRate).toBeGreaterThan(0.1);
  });
});

describe('purposeProblem: an experiment targets a purpose the playbook plans at its stage', () => {
  const planned = [
    { id: 'rappelImpaye', stage: 'premier_impaye' },
    { id: 'offreTravailleurSocialBailleur', stage: 'premier_impaye' },
    { id: 'informationConcoursForcePublique', stage: 'expulsion' },
  ];

  it('takes a purpose planned at the stage', () => {
    expect(purposeProblem(planned, 'premier_impaye', 'rappelImpaye')).toBeNull();
  });

  it('refuses an unknown purpose, listing the possible ones', () => {
    expect(purposeProblem(planned, 'premier_impaye', 'nexistePas')).toBe(
      '« nexistePas » n’est pas un objet du playbook du territoire ; objets possibles à l’étape premier_impaye : rappelImpaye, offreTravailleurSocialBailleur',
    );
  });

  it('refuses a purpose planned at another stage, saying which one and what is possible at this one', () => {
    expect(purposeProblem(planned, 'expulsion', 'rappelImpaye')).toBe(
      'le playbook du territoire ne prévoit « rappelImpaye » qu’à l’étape premier_impaye, pas à l’étape expulsion ; objets possibles à l’étape expulsion : informationConcoursForcePublique',
    );
  });

  it('says when the stage has no message at all', () => {
    expect(purposeProblem(planned, 'assignation', 'rappelImpaye')).toContain('aucun message à l’étape assignation');
  });
});
