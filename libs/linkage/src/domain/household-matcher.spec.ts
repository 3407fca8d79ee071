import fc from 'fast-check';
import { generateRecords } from '../cli/record-generator';
import { HouseholdMatcher } from './household-matcher';
import { PartnerRecordInput } from './record';
import { HumanDecision } from './review-decisions';

const generated = [...generateRecords(1000, 11)].map((g) => g.record);

/** A couple and their neighbour in one building (the hard case of the issue). */
const building: PartnerRecordInput[] = [
  {
    recordId: 'x1',
    lastName: 'NGUYEN',
    firstName: 'Thi',
    street: '12 bis av. Jean Jaurès, Bât B',
    addressExtra: 'Appt 31',
    postalCode: '93200',
    city: 'Saint-Denis',
    cafNumber: '7765431',
    birthDate: '1979-04-02',
  },
  {
    recordId: 'x2',
    lastName: 'Nguyên',
    firstName: 'T.',
    street: '12B avenue Jean-Jaures',
    addressExtra: 'Bât B porte 31',
    postalCode: '93200',
    city: 'St-Denis',
    phone: '06 12 34 56 78',
  },
  {
    recordId: 'x3',
    lastName: 'NGUYEN',
    firstName: 'Thi',
    street: '12 bis avenue Jean Jaurès',
    addressExtra: '',
    postalCode: '93200',
    city: 'SAINT DENIS',
    phone: '+33612345678',
    birthDate: '1979-04-02',
  },
  {
    recordId: 'x4',
    lastName: 'TRAN',
    firstName: 'Van Minh',
    street: '12 B AV JEAN JAURES',
    addressExtra: 'BAT B APPT 31',
    postalCode: '93200',
    city: 'SAINT-DENIS',
    cafNumber: '7765431',
    birthDate: '1975-11-20',
  },
  {
    recordId: 'x5',
    lastName: 'Tran',
    firstName: 'Van Minh',
    street: '12bis avenue Jean Jaurès',
    addressExtra: 'Logt 31',
    postalCode: '93200',
    city: 'Saint-Denis',
    birthDate: '1975-11-20',
  },
  {
    recordId: 'x6',
    lastName: 'DIALLO',
    firstName: 'Awa',
    street: '12 bis avenue Jean Jaurès',
    addressExtra: 'Bât B Appt 44',
    postalCode: '93200',
    city: 'Saint-Denis',
    cafNumber: '5512093',
    birthDate: '1988-01-15',
  },
  {
    recordId: 'x7',
    lastName: 'Diallo',
    firstName: 'Awa',
    street: '12B av Jean Jaurès',
    addressExtra: 'Porte 44',
    postalCode: '93200',
    city: 'Saint-Denis',
    phone: '07 01 02 03 04',
  },
];

const fixture = [...generated, ...building];
const matcher = new HouseholdMatcher();
const reference = matcher.link(fixture);
const householdOf = (run: { assignments: { recordId: string; householdKey: string }[] }) =>
  new Map(run.assignments.map((a) => [a.recordId, a.householdKey]));
const referenceHouseholds = householdOf(reference);

/** The same partition (household keys are the smallest member id, so equal maps mean equal clusters). */
const samePartition = (a: Map<string, string>, b: Map<string, string>) => [...a].every(([id, h]) => b.get(id) === h);

describe('HouseholdMatcher on a couple and a neighbour', () => {
  it('puts both adults of the couple in one household', () => {
    const h = referenceHouseholds.get('x1');
    for (const id of ['x2', 'x3', 'x4', 'x5']) expect(referenceHouseholds.get(id)).toBe(h);
  });

  it('keeps the neighbour of the same building apart', () => {
    expect(referenceHouseholds.get('x6')).toBe(referenceHouseholds.get('x7'));
    expect(referenceHouseholds.get('x6')).not.toBe(referenceHouseholds.get('x1'));
  });

  it('explains every link with the fields that agreed and their weights', () => {
    const link = reference.links.find((l) => [l.leftRecordId, l.rightRecordId].includes('x4'));
    expect(link).toBeDefined();
    expect(link?.probability).toBeGreaterThanOrEqual(0.9);
    expect(link?.evidence.some((e) => e.weight > 0)).toBe(true);
  });
});

describe('HouseholdMatcher properties', () => {
  it('is independent of the order of the records', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        let state = seed;
        const shuffled = [...fixture];
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        return samePartition(householdOf(matcher.link(shuffled)), referenceHouseholds);
      }),
      { numRuns: 3 },
    );
  });

  it('always links a record to an exact copy of itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fixture.length - 1 }), (index) => {
        const copy = { ...fixture[index], recordId: 'zz-copy' };
        const run = householdOf(matcher.link([...fixture, copy], [], reference.model));
        return run.get('zz-copy') === run.get(fixture[index].recordId);
      }),
      { numRuns: 3 },
    );
  });

  it('keeps a human split, whatever the automatic evidence', () => {
    const linked = reference.links.filter((l) => Number.isFinite(l.probability));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: linked.length - 1 }), (index) => {
        const { leftRecordId, rightRecordId } = linked[index];
        const split: HumanDecision = { kind: 'split', leftRecordId, rightRecordId };
        const run = householdOf(matcher.link(fixture, [split], reference.model));
        return run.get(leftRecordId) !== run.get(rightRecordId);
      }),
      { numRuns: 3 },
    );
  });

  it('keeps a human merge of records that share nothing', () => {
    const merge: HumanDecision = { kind: 'merge', leftRecordId: 'x6', rightRecordId: generated[0].recordId };
    const run = householdOf(matcher.link(fixture, [merge], reference.model));
    expect(run.get('x6')).toBe(run.get(generated[0].recordId));
  });
});
