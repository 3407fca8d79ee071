import { PlaybookCatalog } from '@unisson/coordination';
import { RoutableTeam, RoutingFacts, routeTask } from './routing';

const catalog = PlaybookCatalog.load();
const rulesOf = (territory: string) => catalog.forTerritory(territory, '2026-12-07').taskRouting.rules;

const teams: RoutableTeam[] = [
  { id: 'caf-93', partnerKind: 'caf', territories: ['93'], channels: ['call'] },
  { id: 'dep-93', partnerKind: 'departement', territories: ['93'], channels: ['call', 'homeVisit'] },
  { id: 'emob-93', partnerKind: 'equipe_mobile', territories: ['93'], channels: ['call', 'homeVisit'] },
  { id: 'ccas-93', partnerKind: 'ccas', territories: ['93'], channels: ['homeVisit'] },
  { id: 'emob-91', partnerKind: 'equipe_mobile', territories: ['91'], channels: ['call', 'homeVisit'] },
  { id: 'dep-91', partnerKind: 'departement', territories: ['91'], channels: ['call', 'homeVisit'] },
];
const facts = (over: Partial<RoutingFacts>): RoutingFacts => ({
  channel: 'call',
  territory: '93',
  stage: 'commandement_de_payer',
  purpose: 'x',
  housingSector: 'social',
  housingBenefit: null,
  dependentChildren: null,
  ...over,
});

describe('routing by the playbook', () => {
  it('sends benefit households with children to the CAF social workers, others to the Département', () => {
    expect(routeTask(facts({ housingBenefit: true, dependentChildren: true }), rulesOf('93'), teams)?.teamId).toBe('caf-93');
    expect(routeTask(facts({ housingBenefit: true, dependentChildren: false }), rulesOf('93'), teams)?.teamId).toBe('dep-93');
    // Unknown facts never meet a condition: the household goes to the Département.
    expect(routeTask(facts({ housingBenefit: true }), rulesOf('93'), teams)?.teamId).toBe('dep-93');
  });

  it('sends private-sector tenants at the assignation stage to the mobile team', () => {
    const routed = routeTask(facts({ stage: 'assignation', housingSector: 'prive' }), rulesOf('93'), teams);
    expect(routed).toMatchObject({ teamId: 'emob-93', ruleId: 'equipeMobileParcPriveAssignation' });
    expect(routed?.reason).toContain('équipe mobile');
  });

  it('applies the département’s own rules first: the CCAS visit social tenants in 93', () => {
    expect(routeTask(facts({ channel: 'homeVisit' }), rulesOf('93'), teams)?.teamId).toBe('ccas-93');
    expect(routeTask(facts({ channel: 'homeVisit', housingSector: 'prive' }), rulesOf('93'), teams)?.teamId).toBe('dep-93');
  });

  it('gives the Essonne mobile team its own aller-vers sequence', () => {
    expect(
      routeTask(facts({ territory: '91', channel: 'homeVisit', purpose: 'allerVersEquipeMobile' }), rulesOf('91'), teams)?.teamId,
    ).toBe('emob-91');
    expect(routeTask(facts({ territory: '91', purpose: 'rappelAudience' }), rulesOf('91'), teams)?.teamId).toBe('dep-91');
  });

  it('finds no team on a territory that has none for the channel, rather than another territory’s', () => {
    expect(routeTask(facts({ territory: '38' }), rulesOf('38'), teams)).toBeNull();
    const withoutVisitors = teams.filter((t) => t.id !== 'ccas-93' && t.id !== 'dep-93');
    expect(routeTask(facts({ channel: 'homeVisit' }), rulesOf('93'), withoutVisitors)).toBeNull();
  });
});
