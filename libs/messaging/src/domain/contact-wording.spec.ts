import { commandementPaymentDeadline, leaveByDate, monthsUnpaid, wordingFor, WordingContext } from './contact-wording';

const context: WordingContext = {
  fullName: 'Awa Diallo',
  leadPartner: { name: 'Seine-Saint-Denis Habitat', phone: '+33148950000' },
  debtCents: 102_480,
  monthlyRentCents: 51_240,
  stageOn: '2026-10-05',
  leaseSignedOn: '2024-02-01',
  hearing: null,
  adil: { phone: '+33148930000', address: '4 rue de la Paix, 93000 Bobigny' },
};

describe('wording a planned contact', () => {
  it('words the amicable reminder as first-arrears information, in euros and months of rent', () => {
    expect(wordingFor('rappelImpaye', context)).toEqual({
      templateKey: 'first_arrears_information',
      variables: {
        fullName: 'Awa Diallo',
        partnerName: 'Seine-Saint-Denis Habitat',
        partnerPhone: '+33148950000',
        debtAmount: 1024.8,
        monthsUnpaid: 2,
      },
    });
  });

  it('refuses a hearing reminder without a hearing, naming what is missing', () => {
    expect(wordingFor('rappelAudience', context)).toEqual({ missing: 'hearing date and court address' });
    const withHearing = { ...context, hearing: { date: '2027-01-11', time: '09:00', place: 'Tribunal de proximité de Bobigny' } };
    expect(wordingFor('rappelAudience', withHearing)).toMatchObject({
      templateKey: 'hearing_reminder',
      variables: { hearingDate: '2027-01-11', hearingTime: '09:00' },
    });
  });

  it('says when a purpose has no template yet rather than sending something else', () => {
    expect(wordingFor('protocoleTripartite', context)).toEqual({ missing: 'template for purpose "protocoleTripartite"' });
  });

  it('never words a message without a number to call back', () => {
    expect(wordingFor('rappelImpaye', { ...context, leadPartner: { name: 'Bailleur', phone: null } })).toEqual({
      missing: 'public phone number of Bailleur',
    });
  });

  it('gives 6 weeks after a commandement de payer, 2 months for leases signed before 29 July 2023', () => {
    expect(commandementPaymentDeadline('2026-11-02', '2024-01-01')).toBe('2026-12-14');
    expect(commandementPaymentDeadline('2026-11-02', '2023-07-28')).toBe('2027-01-02');
    expect(wordingFor('lettrePreventionCcapex', { ...context, stageOn: '2026-11-02' })).toMatchObject({
      variables: { paymentDeadline: '2026-12-14', adilPhone: '+33148930000' },
    });
  });

  it('counts at least one unpaid month and two months to leave after a CQL', () => {
    expect(monthsUnpaid(10_000, 51_240)).toBe(1);
    expect(monthsUnpaid(10_000, null)).toBe(1);
    expect(leaveByDate('2026-12-31')).toBe('2027-02-28');
    expect(leaveByDate('2026-11-15')).toBe('2027-01-15');
  });
});
