import { parsePlaybook } from './playbook.schema';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { intent, PlanningInputBuilder } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';
import type { ContactHistoryEntry, PlannedContact } from './types';

const essonne = PlaybookCatalog.load().forTerritory('91', '2027-01-06');
const STAGE_AT = '2027-01-06T09:00:00.000Z';

/** An Essonne household at assignation, the mobile team, the préfecture and the DSF service all writing to it. */
function assignation(landlord: { kind?: 'prive' | 'social'; addressKnown?: boolean } = {}) {
  return new PlanningInputBuilder(essonne)
    .withHousehold({ postalCode: '91000', hasMobilePhone: false, hasEmail: false })
    .withPartners(
      { id: 'partner-equipe_mobile', name: 'Équipe mobile de l’Essonne', kind: 'equipe_mobile' },
      { id: 'partner-etat', name: 'Préfecture de l’Essonne', kind: 'etat' },
    )
    .atStage('assignation', STAGE_AT, { hearingDate: '2027-03-15T09:00:00.000Z' })
    .withProcedure({ landlordKind: landlord.kind ?? 'prive', landlordPostalAddressKnown: landlord.addressKnown ?? true })
    .withIntents(
      intent('allerVersEquipeMobile', 'equipe_mobile', 'assignation'),
      intent('courrierBailleurPrive', 'equipe_mobile', 'assignation'),
      intent('rappelAudience', 'equipe_mobile', 'assignation'),
      intent('annonceDiagnostic', 'etat', 'assignation', { legal: true }),
    )
    .at(STAGE_AT);
}

const toLandlord = (c: PlannedContact) => c.addressee === 'landlord';
const householdLetters = (contacts: PlannedContact[]) => contacts.filter((c) => c.channel === 'letter' && !toLandlord(c));
const landlordLetter = (at: string, outcome: ContactHistoryEntry['outcome'] = 'sent'): ContactHistoryEntry => ({
  channel: 'letter',
  purpose: 'courrierBailleurPrive',
  purposes: ['courrierBailleurPrive'],
  stage: 'assignation',
  at,
  outcome,
  legal: false,
  key: 'procedure-1.assignation.courrierBailleurPrive.letter.0',
});

describe('letters to the private landlord (Essonne mobile team, assignation)', () => {
  it('plans the tenant’s letters and one letter to the landlord, on the day of the team’s first letter (5 days on)', () => {
    const plan = planContacts(assignation().build());
    const landlord = plan.contacts.filter(toLandlord);
    expect(landlord).toHaveLength(1);
    expect(landlord[0]).toMatchObject({
      channel: 'letter',
      purpose: 'courrierBailleurPrive',
      purposes: ['courrierBailleurPrive'],
      legal: false,
    });
    expect(landlord[0].leadPartnerId).toBe('partner-equipe_mobile');
    expect(landlord[0].window.notBefore.slice(0, 10)).toBe('2027-01-11');
    // The team's first letter to the tenant rides with the préfecture's legal letter; the landlord's does not.
    const tenantLetter = householdLetters(plan.contacts).find((c) => c.purposes.includes('allerVersEquipeMobile'));
    expect(tenantLetter?.addressee).toBeUndefined();
    // The landlord's letter carries nothing of the household's, and no household letter carries it.
    expect(householdLetters(plan.contacts).some((c) => c.purposes.includes('courrierBailleurPrive'))).toBe(false);
    expect(householdLetters(plan.contacts).length).toBeGreaterThan(0);
  });

  it('leaves the household’s letters exactly as without it: caps and stage-letter merging ignore it', () => {
    const withLandlord = planContacts(assignation().build());
    const input = assignation().build();
    const without = planContacts({ ...input, intents: input.intents.filter((i) => i.purpose !== 'courrierBailleurPrive') });
    const shape = (contacts: PlannedContact[]) => householdLetters(contacts).map((c) => [c.key, c.purposes, c.window.notBefore]);
    expect(shape(withLandlord.contacts)).toEqual(shape(without.contacts));
    expect(withLandlord.trace.some((t) => /bailleur privé/.test(t.message) && t.code === 'stageLetterMerged')).toBe(false);
  });

  it('a letter already sent to the landlord is not a household letter: the household’s stage letters are still due', () => {
    const fresh = planContacts(assignation().build());
    const later = planContacts(assignation().withHistory(landlordLetter('2027-01-11T09:00:00.000Z')).build());
    expect(later.contacts.filter(toLandlord)).toEqual([]);
    expect(householdLetters(later.contacts).map((c) => c.key)).toEqual(householdLetters(fresh.contacts).map((c) => c.key));
  });

  it('a landlord letter come back NPAI never marks the household’s address invalid nor suggests a visit', () => {
    const plan = planContacts(assignation().withHistory(landlordLetter('2027-01-11T09:00:00.000Z', 'npai')).build());
    expect(plan.trace.some((t) => t.code === 'escalationNpai' || t.code === 'homeVisitSuggested')).toBe(false);
    expect(householdLetters(plan.contacts).length).toBeGreaterThan(0);
    expect(plan.contacts.filter(toLandlord)).toEqual([]);
  });

  it('is never a household contact: the household’s letter opt-out and returned mail do not touch it', () => {
    const optedOut = planContacts(assignation().withOptOut({ channel: 'letter', partnerId: null, at: '2027-01-01T09:00:00.000Z' }).build());
    expect(optedOut.contacts.filter(toLandlord)).toHaveLength(1);
    const householdNpai = planContacts(assignation().withHousehold({ postalAddressValid: false }).build());
    expect(householdNpai.contacts.filter(toLandlord)).toHaveLength(1);
  });

  it('only for a private landlord whose postal address Unisson holds', () => {
    const social = planContacts(assignation({ kind: 'social' }).build());
    expect(social.contacts.filter(toLandlord)).toEqual([]);
    expect(social.trace.find((t) => t.code === 'suppressedCondition')?.message).toMatch(/bailleur privé/);
    const noAddress = planContacts(assignation({ addressKnown: false }).build());
    expect(noAddress.contacts.filter(toLandlord)).toEqual([]);
    expect(noAddress.trace.some((t) => /adresse postale du bailleur/.test(t.message))).toBe(true);
  });

  it.each(['debtCleared', 'movedOut'] as const)(
    'is cancelled when the tenant’s procedure closes (%s), like every non-legal contact',
    (type) => {
      const plan = planContacts(assignation().withEvent({ type, at: '2027-01-07T09:00:00.000Z' }).at('2027-01-08T09:00:00.000Z').build());
      expect(plan.contacts.filter(toLandlord)).toEqual([]);
      expect(plan.trace.some((t) => t.code === 'suppressedByEvent' && /bailleur privé/.test(t.message))).toBe(true);
      // An earlier plan's landlord letter is withdrawn with the reason.
      expect(plan.withdrawals.some((w) => w.keyPrefix.includes('courrierBailleurPrive'))).toBe(true);
    },
  );

  it('the playbook refuses a landlord purpose that is legal, not a letter, or not limited to private landlords', () => {
    const purpose = essonne.purposes.find((p) => p.id === 'courrierBailleurPrive');
    expect(purpose).toMatchObject({ addressee: 'landlord', requires: ['privateLandlord'] });
    const broken = (change: object) => ({
      ...essonne,
      purposes: essonne.purposes.map((p) => (p.id === 'courrierBailleurPrive' ? { ...p, ...change } : p)),
    });
    expect(() => parsePlaybook(broken({ requires: [] }))).toThrow(/privateLandlord/);
    expect(() => parsePlaybook(broken({ legal: true, legalBasis: 'une loi' }))).toThrow(/pas un acte légal/);
    expect(() =>
      parsePlaybook(broken({ sequence: [{ channel: 'sms', anchor: 'stageEnteredAt', offset: { amount: 0, unit: 'days' } }] })),
    ).toThrow(/que des courriers/);
  });
});
