import { PlaybookCatalog } from '../../playbooks/playbook-catalog';
import { generateHouseholds } from './household-generator';
import { runSimulation } from './simulation';
import { distribution, summarise } from './simulation-report';

const catalog = PlaybookCatalog.load();
const playbookOf = (territory: string) => catalog.forTerritory(territory, '2026-11-01');

describe('simulation', () => {
  const households = generateHouseholds(300, 42);
  const summary = summarise(runSimulation(households, playbookOf, undefined, 42), households.length);

  it('generates the charter profiles and the Essonne share of wrong addresses', () => {
    const many = generateHouseholds(5000, 1);
    const share = (f: (h: (typeof many)[number]) => boolean) => many.filter(f).length / many.length;
    expect(share((h) => h.addressInvalid)).toBeCloseTo(0.21, 1);
    expect(share((h) => h.sector === 'social')).toBeCloseTo(0.55, 1);
    expect(new Set(many.map((h) => h.territory))).toEqual(new Set(['93', '38', '91']));
  });

  it('sends fewer letters, never suppresses a legal act and never contacts outside allowed hours', () => {
    expect(summary.legalIntents).toBeGreaterThan(0);
    expect(summary.legalActsSuppressed).toBe(0);
    expect(summary.contactsOutsideAllowedHours).toBe(0);
    expect(summary.nonLegalLettersPerHouseholdPerStage.unisson.p95).toBeLessThanOrEqual(1);
    expect(summary.lettersTotal.unisson).toBeLessThan(summary.lettersTotal.baseline * 0.4);
    expect(summary.contradictoryMessages.baseline).toBeGreaterThan(0);
    expect(summary.contradictoryMessages.unisson).toBe(0);
  });

  it('is reproducible for a seed', () => {
    const again = summarise(runSimulation(generateHouseholds(300, 42), playbookOf, undefined, 42), 300);
    expect(again).toEqual(summary);
  });

  it.each([
    [[], { mean: 0, median: 0, p95: 0 }],
    [[3], { mean: 3, median: 3, p95: 3 }],
    [[1, 2, 3, 4], { mean: 2.5, median: 2, p95: 4 }],
    [[...Array(19).fill(0), 10], { mean: 0.5, median: 0, p95: 0 }],
  ])('distribution of %j', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });
});
