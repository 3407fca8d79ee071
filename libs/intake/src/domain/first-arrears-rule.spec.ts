import { decideFirstArrearsContacts } from './first-arrears-rule';

describe('fixed first-arrears rule', () => {
  const base = { submissionId: 's1', mobilePhone: '+33612345678', email: 'a@example.org', optedOut: new Set<string>() };

  it('sends an SMS and an e-mail when both are known', () => {
    expect(decideFirstArrearsContacts(base).map((d) => d.channel)).toEqual(['sms', 'email']);
  });

  it('honours an SMS opt-out and still e-mails', () => {
    expect(decideFirstArrearsContacts({ ...base, optedOut: new Set(['sms']) }).map((d) => d.channel)).toEqual(['email']);
  });

  it('sends nothing without contacts', () => {
    expect(decideFirstArrearsContacts({ ...base, mobilePhone: null, email: null })).toEqual([]);
  });

  it('gives the same idempotency keys when the same alert is processed again', () => {
    expect(decideFirstArrearsContacts(base).map((d) => d.idempotencyKey)).toEqual(
      decideFirstArrearsContacts(base).map((d) => d.idempotencyKey),
    );
  });
});
