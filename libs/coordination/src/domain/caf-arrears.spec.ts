import { cafArrearsDecision, CafArrearsRegime } from './caf-arrears';

const REGIMES: CafArrearsRegime[] = [
  {
    id: 'r824-3',
    label: 'Avant 2027',
    source: 'CCH art. R824-3',
    appliesFrom: '2016-10-01',
    appliesUntil: '2026-12-31',
    rule: { kind: 'rentMultiple', months: 2 },
  },
  {
    id: 'decret-2026-84',
    label: 'Depuis 2027',
    source: 'Décret n° 2026-84',
    appliesFrom: '2027-01-01',
    appliesUntil: null,
    rule: { kind: 'debtOrDuration', debtAboveCents: 45_000, unpaidMonths: 3 },
  },
];
const status = (debtEuros: number, rentEuros: number | null, firstUnpaidOn: string | null, onDate: string) =>
  cafArrearsDecision(
    REGIMES,
    { debtCents: debtEuros * 100, monthlyRentCents: rentEuros === null ? null : rentEuros * 100, firstUnpaidOn },
    onDate,
  ).status;

describe('cafArrearsDecision: both regimes, chosen by the day', () => {
  it.each([
    // Until 31 December 2026: two months of rent.
    [800, 400, '2026-11-05', '2026-12-31', 'constituted'],
    [799, 400, '2026-06-05', '2026-12-31', 'notConstituted'],
    [500, null, '2026-11-05', '2026-12-15', 'unknown'],
    // The same household on 1 January 2027: more than 450 € is enough.
    [500, 400, '2026-12-05', '2027-01-01', 'constituted'],
    [450, 400, '2026-12-05', '2027-01-01', 'notConstituted'],
    // … or three months unpaid, whatever the amount.
    [300, 600, '2026-12-05', '2027-03-04', 'notConstituted'],
    [300, 600, '2026-12-05', '2027-03-05', 'constituted'],
    [300, 600, null, '2027-03-05', 'unknown'],
    [0, 600, '2026-12-05', '2027-06-05', 'notConstituted'],
  ] as const)('debt %p €, rent %p €, first unpaid %p, on %p: %p', (debt, rent, first, on, expected) => {
    expect(status(debt, rent, first, on)).toBe(expected);
  });

  it('says in French which regime and which threshold decided', () => {
    const decision = cafArrearsDecision(
      REGIMES,
      { debtCents: 50_000, monthlyRentCents: 40_000, firstUnpaidOn: '2026-12-05' },
      '2027-01-02',
    );
    expect(decision.regime?.id).toBe('decret-2026-84');
    expect(decision.reason).toBe('Depuis 2027 : dette de 500 €, supérieure à 450 €.');
  });
});
