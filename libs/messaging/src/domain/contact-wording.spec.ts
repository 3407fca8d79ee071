import { PlaybookCatalog } from '@unisson/coordination';
import { TemplateLibrary } from '@unisson/templates';
import { deadlinesFor, wordingFor, wordingIndex, WordingContext } from './contact-wording';

const library = TemplateLibrary.load();
const index = wordingIndex(library.sources.definitions.values());
const playbook = PlaybookCatalog.load().forTerritory('93', '2026-11-01');

const context: WordingContext = {
  fullName: 'Awa Diallo',
  leadPartner: { name: 'Seine-Saint-Denis Habitat', phone: '+33148950000' },
  debtCents: 102_480,
  monthlyRentCents: 51_240,
  stage: 'premier_impaye',
  stageOn: '2026-10-05',
  leaseSignedOn: '2024-02-01',
  landlordKind: 'social',
  territory: '93',
  today: '2026-10-06',
  hearing: null,
  adilPhone: '+33148930000',
};

describe('wording a planned contact', () => {
  it('words the amicable reminder as first-arrears information, in euros and months of rent', () => {
    expect(wordingFor(index, playbook, 'rappelImpaye', 'sms', context)).toEqual({
      templateKey: 'first_arrears_information',
      channel: 'sms',
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
    const atSummons = { ...context, stage: 'assignation' as const };
    expect(wordingFor(index, playbook, 'rappelAudience', 'letter', atSummons)).toEqual({ missing: 'hearing date' });
    const withHearing = { ...atSummons, hearing: { date: '2027-01-11', time: '09:00', place: null } };
    const worded = wordingFor(index, playbook, 'rappelAudience', 'letter', withHearing);
    // no court address known: the library writes "the court named in your summons" instead
    expect(worded).toEqual({
      templateKey: 'hearing_reminder',
      channel: 'letter',
      variables: expect.objectContaining({ hearingDate: '2027-01-11', hearingTime: '09:00' }),
    });
    if ('missing' in worded) throw new Error('not worded');
    const letter = library.renderSync({ templateKey: worded.templateKey, channel: 'letter', locale: 'fr', variables: worded.variables });
    expect(letter.text).toContain('au tribunal indiqué sur votre assignation');
  });

  it('says when a purpose has no template rather than sending something else', () => {
    expect(wordingFor(index, playbook, 'purposeNobodyWrote', 'sms', context)).toEqual({
      missing: 'template for purpose "purposeNobodyWrote"',
    });
  });

  it('never words a message without a number to call back', () => {
    expect(wordingFor(index, playbook, 'rappelImpaye', 'sms', { ...context, leadPartner: { name: 'Bailleur', phone: null } })).toEqual({
      missing: 'public phone number of the lead partner',
    });
  });

  it('words a served act by its companion notice, a letter joined to the act', () => {
    const atCdp = { ...context, stage: 'commandement_de_payer' as const, stageOn: '2026-11-02' };
    expect(wordingFor(index, playbook, 'commandementDePayer', 'servedAct', atCdp)).toMatchObject({
      templateKey: 'commandement_de_payer_notice',
      channel: 'letter',
    });
  });

  it("states the planner's commandement delay: 6 weeks, 2 months for leases signed before 29 July 2023", () => {
    const atCdp = { ...context, stage: 'commandement_de_payer' as const, stageOn: '2026-11-02' };
    expect(deadlinesFor(playbook, atCdp).paymentDeadline).toBe('2026-12-14');
    expect(deadlinesFor(playbook, { ...atCdp, leaseSignedOn: '2023-07-28' }).paymentDeadline).toBe('2027-01-02');
    expect(wordingFor(index, playbook, 'lettrePreventionCcapex', 'letter', atCdp)).toMatchObject({
      variables: { paymentDeadline: '2026-12-14', adilPhone: '+33148930000' },
    });
  });

  it('gives two months to leave after a CQL and a month to appeal a judgment, from the act served', () => {
    expect(deadlinesFor(playbook, { ...context, stage: 'commandement_de_quitter_les_lieux', stageOn: '2026-12-31' }).leaveBy).toBe(
      '2027-02-28',
    );
    expect(deadlinesFor(playbook, { ...context, stage: 'jugement', stageOn: '2026-11-15' }).appealDeadline).toBe('2026-12-15');
    // a deadline of another stage is never stated
    expect(deadlinesFor(playbook, { ...context, stage: 'jugement', stageOn: '2026-11-15' }).paymentDeadline).toBeUndefined();
  });

  it('names the last day of the winter truce in progress, or of the next one', () => {
    expect(deadlinesFor(playbook, { ...context, today: '2027-01-10' }).truceEnd).toBe('2027-03-31');
    expect(deadlinesFor(playbook, { ...context, today: '2026-06-10' }).truceEnd).toBe('2027-03-31');
  });

  it('falls back on the national helpline when the territory has no ADIL', () => {
    const worded = wordingFor(index, playbook, 'lettrePreventionCcapex', 'letter', {
      ...context,
      stage: 'commandement_de_payer',
      adilPhone: null,
    });
    expect(worded).toMatchObject({ variables: { adilPhone: '0805160075' } });
  });
});
