import { phoneNumberKey } from '@unisson/coordination';
import type { HouseholdFacts } from '@unisson/households';
import { usablePhoneOf } from './callback-requests';

const records = (...phones: Array<string | null>) =>
  ({ records: phones.map((phone) => ({ phone })) }) as unknown as Pick<HouseholdFacts, 'records'>;

describe('the number a call-back task dials', () => {
  it('skips a number a caller found wrong and takes the next record’s', () => {
    const facts = records('+33611223344', null, '+33755443322');
    expect(usablePhoneOf(facts, new Set())).toBe('+33611223344');
    expect(usablePhoneOf(facts, new Set([phoneNumberKey('+33611223344')]))).toBe('+33755443322');
  });

  it('has none when every known number was found wrong', () => {
    expect(usablePhoneOf(records('+33611223344'), new Set([phoneNumberKey('+33611223344')]))).toBeNull();
    expect(usablePhoneOf(records(null), new Set())).toBeNull();
  });
});
