import { mayReportByIdentity, reservedToOthers, worksOn } from './reporting-authority';

const landlord = {
  partnerId: 'hlm',
  partnerKind: 'bailleur_social',
  territories: ['57', '67', '68', '971', '972', '973', '974', '976', '2A', '2B', '13'],
};

describe('the départements a partner works on', () => {
  it.each([
    ['its home territory', '57', true],
    ['a later territory of its list (Mayotte)', '976', true],
    ['Corse-du-Sud', '2A', true],
    ['Bouches-du-Rhône, last of its list', '13', true],
    ['a département it does not work on', '93', false],
    ['no département (no address given)', null, false],
    ['a collectivité that is no département (Saint-Pierre-et-Miquelon)', '975', false],
  ])('%s', (_what, departement, expected) => {
    expect(worksOn(landlord, departement)).toBe(expected);
  });

  it('never a code that is no département, even listed among its territories', () => {
    expect(worksOn({ territories: ['975'] }, '975')).toBe(false);
  });
});

describe('a household named by identity, that the partner does not hold yet', () => {
  const reporters = ['bailleur_social', 'bailleur_prive'];
  it.each([
    ['in any of its territories, by a kind the playbook entitles', '976', reporters, true],
    ['in Haute-Corse, by a kind the playbook entitles', '2B', reporters, true],
    ['outside its territories', '75', reporters, false],
    ['in its territories, by a kind the playbook does not entitle', '13', ['commissaire_de_justice'], false],
  ])('%s', (_what, departement, entitled, expected) => {
    expect(mayReportByIdentity(landlord, departement, entitled)).toBe(expected);
  });
});

describe('stage events reserved to some partner kinds, whatever record the reporter holds', () => {
  const reserved = { cfp_accorde: ['etat'] };
  it('refuses a landlord its tenant’s concours de la force publique accordé, and names who reports it', () => {
    expect(reservedToOthers(landlord, 'cfp_accorde', reserved)).toEqual(['etat']);
  });
  it('leaves it to the préfecture, and leaves the landlord its other events', () => {
    expect(reservedToOthers({ partnerKind: 'etat' }, 'cfp_accorde', reserved)).toBeNull();
    expect(reservedToOthers(landlord, 'assignation', reserved)).toBeNull();
    expect(reservedToOthers(landlord, 'dette_soldee', reserved)).toBeNull();
  });
});
