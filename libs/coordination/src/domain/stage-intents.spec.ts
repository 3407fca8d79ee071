import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { planContacts } from './contact-planner';
import { intentsForStageEvent } from './stage-intents';
import { PlanningInputBuilder } from '../testing/planning-input.builder';

const playbook = PlaybookCatalog.load().forTerritory('93', '2026-11-02');
const partners = [
  { id: 'cj', kind: 'commissaire_de_justice' as const, publicPhone: null },
  { id: 'drihl', kind: 'etat' as const, publicPhone: '+33140000000' },
  { id: 'cd93', kind: 'departement' as const, publicPhone: '+33143930000' },
  { id: 'caf93', kind: 'caf' as const, publicPhone: '+33980000000' },
  { id: 'ccapex93', kind: 'ccapex' as const, publicPhone: null },
];

describe('intentsForStageEvent', () => {
  it('creates the prescribed intents of the stage for the partners the territory has', () => {
    const intents = intentsForStageEvent(
      playbook,
      'commandement_de_payer',
      partners,
      { id: 'ev1', occurredAt: '2026-11-02T09:00:00.000Z' },
      {
        reportingPartnerId: 'cj',
        recordHolderIds: ['cj'],
      },
    );
    expect(intents.map((i) => [i.purpose, i.partnerId, i.legal])).toEqual([
      ['commandementDePayer', 'cj', true],
      ['lettrePreventionCcapex', 'drihl', true],
      ['offreServiceSocialCommandement', 'cd93', false],
      ['accompagnementCafCommandement', 'caf93', false],
    ]);
    const plan = planContacts(
      new PlanningInputBuilder(playbook)
        .atStage('commandement_de_payer', '2026-11-02T09:00:00.000Z')
        .withIntents(...intents)
        .build(),
    );
    expect(plan.contacts.filter((c) => c.channel === 'letter')).toHaveLength(1);
  });

  it('is signed by the partner that holds the household: never by an unrelated landlord of the territory', () => {
    const landlords = [
      { id: 'social-a', kind: 'bailleur_social' as const, publicPhone: '+33148000001' },
      { id: 'prive-b', kind: 'bailleur_prive' as const, publicPhone: '+33148000002' },
      ...partners,
    ];
    const event = { id: 'ev', occurredAt: '2026-11-02T09:00:00.000Z' };
    const signer = (holders: string[], reporter = 'caf93') =>
      intentsForStageEvent(playbook, 'premier_impaye', landlords, event, { reportingPartnerId: reporter, recordHolderIds: holders }).find(
        (i) => i.purpose === 'rappelImpaye',
      )?.partnerId;
    // The private landlord holds the tenant's record: it signs, not the first social landlord of the territory.
    expect(signer(['prive-b'])).toBe('prive-b');
    // Nobody holds it: no landlord reminder at all rather than one from a stranger.
    expect(signer([])).toBeUndefined();
    // Institutions sign for their territory.
    expect(
      intentsForStageEvent(playbook, 'commandement_de_payer', landlords, event, { reportingPartnerId: 'cj', recordHolderIds: [] }).find(
        (i) => i.purpose === 'lettrePreventionCcapex',
      )?.partnerId,
    ).toBe('drihl');
  });

  it('follows the dated lead: the CAF before 2027, the CCAPEX from 1 January 2027', () => {
    const lead = (at: string) =>
      intentsForStageEvent(
        playbook,
        'signalement_caf',
        partners,
        { id: 'ev', occurredAt: at },
        { reportingPartnerId: 'caf93', recordHolderIds: [] },
      ).find((i) => i.purpose === 'decisionAideLogement')?.partnerId;
    expect(lead('2026-12-31T10:00:00.000Z')).toBe('caf93');
    expect(lead('2027-01-01T10:00:00.000Z')).toBe('ccapex93');
  });
});
