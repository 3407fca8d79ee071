import { alertSchema, stageEventSchema } from './submission.schemas';

const alert = {
  partnerRef: 'SSDH-2026-0042',
  tenant: { lastName: 'Nguyen', firstName: 'Thi' },
  address: { street: '12 bis avenue Jean Jaurès', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone: '06 12 34 56 78', email: 'Thi.Nguyen@example.org' },
  lease: { housingSector: 'social', monthlyRent: 512.4 },
  arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
};

describe('alert validation', () => {
  it('accepts a complete alert and normalises the e-mail', () => {
    const parsed = alertSchema.parse(alert);
    expect(parsed.contacts.email).toBe('thi.nguyen@example.org');
    expect(parsed.preferredLocale).toBe('fr');
  });

  it.each([
    [{ ...alert, address: { ...alert.address, postalCode: '9320' } }, 'address.postalCode'],
    [{ ...alert, arrears: { amount: 0, firstUnpaidOn: '2026-10-05' } }, 'arrears.amount'],
    [{ ...alert, arrears: { amount: 10, firstUnpaidOn: '2026-02-30' } }, 'arrears.firstUnpaidOn'],
    [{ ...alert, unexpected: true }, ''],
    [{ ...alert, lease: { housingSector: 'hlm', monthlyRent: 500 } }, 'lease.housingSector'],
  ])('names the wrong field (%#)', (input, field) => {
    const result = alertSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('requires the hearing for an assignation', () => {
    const result = stageEventSchema.safeParse({ partnerRef: 'X-1', type: 'assignation', occurredOn: '2026-11-02' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['hearing']);
  });
});
