import { outcomeSchema } from './outcome.schemas';

describe('a partner’s outcome: dated between 1900 and 2100', () => {
  const outcome = { kind: 'repayment_plan_agreed', eventId: 'plan-0001' };

  it.each(['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1899-12-31T00:00:00Z'])(
    'refuses occurredAt %s, naming the range',
    (occurredAt) => {
      const parsed = outcomeSchema.safeParse({ ...outcome, occurredAt });
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['occurredAt', 'doit tomber entre le 1900-01-01 et le 2100-12-31'],
      ]);
    },
  );

  it('takes an outcome of this year', () => {
    expect(outcomeSchema.safeParse({ ...outcome, occurredAt: '2026-11-20T10:00:00+01:00' }).success).toBe(true);
  });
});
