import { isoDay, isoInstant } from './dates';

describe('dates accepted from the public: between 1900 and 2100, one rule', () => {
  it.each(['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00+01:00'])(
    'refuses the instant %s, saying the range',
    (value) => {
      const parsed = isoInstant().safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('doit tomber entre le 1900-01-01 et le 2100-12-31');
    },
  );

  it.each(['1900-01-01T00:00:00Z', '2026-12-01T10:00:00+01:00', '2100-12-31T23:59:59-05:00'])('takes the instant %s', (value) => {
    expect(isoInstant().safeParse(value).success).toBe(true);
  });

  it('says how to write an instant when it is not one', () => {
    expect(isoInstant('date et heure ISO 8601').safeParse('hier').error?.issues[0]?.message).toBe('date et heure ISO 8601');
  });

  it.each(['0000-01-01', '1899-12-31', '2101-01-01'])('refuses the day %s', (value) => {
    expect(isoDay().safeParse(value).success).toBe(false);
  });

  it.each(['1900-01-01', '2024-02-29', '2100-12-31'])('takes the day %s', (value) => {
    expect(isoDay().safeParse(value).success).toBe(true);
  });
});
