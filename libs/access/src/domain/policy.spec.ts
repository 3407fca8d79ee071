import { ACTION_RULES, ACTIONS, Action } from './actions';
import { decide, mayAttempt, statusOfDenial } from './policy';
import { KeyPrincipal, PersonPrincipal, Principal } from './principal';
import { Resource } from './resource';
import { grantedFields, projectSharedView } from './shared-view';
import { roleMisfit } from './roles';

const LANDLORD = 'p-landlord';
const CAF = 'p-caf';
const DEPT = 'p-dept';
const COMMISSAIRE = 'p-cj';
const PLATFORM = 'p-calls';

const key = (partnerId: string, partnerKind: string, scopes: string[], territories = ['93']): KeyPrincipal => ({
  type: 'api_key',
  keyId: `k-${partnerId}`,
  partnerId,
  partnerKind,
  territories,
  scopes,
});
const person = (
  role: PersonPrincipal['role'],
  partnerId: string | null,
  partnerKind: string | null,
  accountId = `a-${role}-${partnerId}`,
): PersonPrincipal => ({ type: 'person', accountId, role, partnerId, partnerKind, territories: partnerId ? ['93'] : [] });

const landlordKey = key(LANDLORD, 'bailleur_social', ['alerts:write', 'events:write', 'plans:read', 'households:rights']);
const landlordStaff = person('partner_staff', LANDLORD, 'bailleur_social');
const cafStaff = person('partner_staff', CAF, 'caf');
const cafColleague = person('partner_staff', CAF, 'caf', 'a-colleague');
const deptKey = key(DEPT, 'departement', ['plans:read', 'households:read']);
const commissaire = person('commissaire', COMMISSAIRE, 'commissaire_de_justice');
const callAgent = person('call_agent', PLATFORM, 'plateforme_appels');
const analyst = person('analyst', 'p-obs', 'analyste');
const operator = person('operator', null, null);
const admin = person('admin', null, null);

const householdOfLandlord: Resource = { territory: '93', recordHolderPartnerIds: [LANDLORD, COMMISSAIRE] };
const householdElsewhere: Resource = { territory: '38', recordHolderPartnerIds: [LANDLORD] };
const householdOfOthers: Resource = { territory: '93', recordHolderPartnerIds: ['p-other-landlord'] };

type Row = [string, Principal | null, Action, Resource, 'allow' | 401 | 403 | 404];
const verdict = (p: Principal | null, a: Action, r: Resource) => {
  const d = decide(p, a, r);
  return d.allow ? 'allow' : statusOfDenial(d.reason);
};

describe('decide(principal, action, resource)', () => {
  const rows: Row[] = [
    ['no identity', null, 'household.plan.read', householdOfLandlord, 401],
    ['a landlord key posts alerts', landlordKey, 'alert.submit', {}, 'allow'],
    ['a key without the scope', deptKey, 'alert.submit', {}, 403],
    ['landlord reads the plan of its household', landlordKey, 'household.plan.read', householdOfLandlord, 'allow'],
    ['landlord cannot read a household it holds no record of', landlordKey, 'household.plan.read', householdOfOthers, 404],
    ['landlord cannot read its tenant moved to another territory', landlordKey, 'household.plan.read', householdElsewhere, 404],
    ['the Département coordinates its territory', deptKey, 'household.shared_view.read', householdOfOthers, 'allow'],
    ['…but not another territory', deptKey, 'household.shared_view.read', householdElsewhere, 404],
    ['a commissaire sees the procedure it serves', commissaire, 'household.plan.read', householdOfLandlord, 'allow'],
    ['a commissaire does not see other procedures', commissaire, 'household.plan.read', householdOfOthers, 404],
    ['a call agent sees households of its territory', callAgent, 'household.shared_view.read', householdOfOthers, 'allow'],
    ['a call agent records an objection', callAgent, 'household.opt_out.write', householdOfOthers, 'allow'],
    ['a call agent cannot export', callAgent, 'household.export', householdOfLandlord, 403],
    ['analysts never see a household', analyst, 'household.shared_view.read', householdOfLandlord, 403],
    ['analysts read aggregates', analyst, 'analytics.read', {}, 'allow'],
    ['admins export for a data-subject request', admin, 'household.export', householdElsewhere, 'allow'],
    ['admins do not read plans', admin, 'household.plan.read', householdOfLandlord, 403],
    ['operators see the dashboards', operator, 'dashboard.view', {}, 'allow'],
    ['operators do not manage partners', operator, 'partner.manage', {}, 403],
    ['landlord staff export their own household', landlordStaff, 'household.export', householdOfLandlord, 'allow'],
    ['landlord staff cannot export another landlord’s', landlordStaff, 'household.export', householdOfOthers, 404],
    ['a key may correct its own record', landlordKey, 'household.contacts.correct', householdOfLandlord, 'allow'],
    ['landlords upload files', landlordKey, 'bulk_import.create', {}, 'allow'],
    ['the CAF does not upload alert files', cafStaff, 'bulk_import.create', {}, 403],
    ['an import is read by its owner', landlordKey, 'bulk_import.read', { ownerPartnerId: LANDLORD }, 'allow'],
    ['another partner’s import does not exist', deptKey, 'bulk_import.read', { ownerPartnerId: LANDLORD }, 404],
    ['operators follow every import', operator, 'bulk_import.read', { ownerPartnerId: LANDLORD }, 'allow'],
    ['the CAF prepares a campaign on its territory', cafStaff, 'campaign.create', { territory: '93' }, 'allow'],
    ['…not on another territory', cafStaff, 'campaign.create', { territory: '38' }, 404],
    ['landlords do not run campaigns', landlordStaff, 'campaign.create', { territory: '93' }, 403],
    ['the author cannot approve', cafStaff, 'campaign.approve', { ownerPartnerId: CAF, createdBy: 'account:a-partner_staff-p-caf' }, 403],
    [
      'a colleague approves',
      cafColleague,
      'campaign.approve',
      { ownerPartnerId: CAF, createdBy: 'account:a-partner_staff-p-caf' },
      'allow',
    ],
    [
      'another organisation cannot approve',
      person('partner_staff', DEPT, 'departement'),
      'campaign.approve',
      { ownerPartnerId: CAF, createdBy: 'x' },
      404,
    ],
    ['a key never approves', key(CAF, 'caf', ['campaigns:write']), 'campaign.approve', { ownerPartnerId: CAF, createdBy: 'x' }, 403],
    ['admins cancel any campaign', admin, 'campaign.cancel', { ownerPartnerId: CAF }, 'allow'],
    ['admins do not approve campaigns', admin, 'campaign.approve', { ownerPartnerId: CAF, createdBy: 'x' }, 403],
    ['only admins read the audit trail', operator, 'audit.read', {}, 403],
    ['admins read the audit trail', admin, 'audit.read', {}, 'allow'],
    ['keys never administer', key(PLATFORM, 'plateforme_appels', ['alerts:write', 'plans:read']), 'partner.manage', {}, 403],
    [
      'a partner reads its own webhooks',
      key(LANDLORD, 'bailleur_social', ['webhooks:manage']),
      'webhook_endpoint.manage',
      { ownerPartnerId: LANDLORD },
      'allow',
    ],
    ['…not another partner’s', key(CAF, 'caf', ['webhooks:manage']), 'webhook_endpoint.manage', { ownerPartnerId: LANDLORD }, 404],
    ['submissions are read by their sender only', deptKey, 'submission.read', { ownerPartnerId: LANDLORD }, 404],
    ['review is territorial', key(DEPT, 'departement', ['linkage:review']), 'linkage.review.read', { territory: '38' }, 404],
  ];

  it.each(rows)('%s', (_label, principal, action, resource, expected) => {
    expect(verdict(principal, action, resource)).toBe(expected);
  });

  it('explains every refusal in French with what to do', () => {
    const refusal = decide(deptKey, 'alert.submit', {});
    expect(refusal).toMatchObject({ allow: false, reason: 'missing_scope' });
    expect(!refusal.allow && refusal.message).toMatch(/alerts:write.*administrateur/);
  });

  it('never lets a principal of no organisation reach another organisation’s resource unless the action is platform-wide', () => {
    for (const action of ACTIONS) {
      const d = decide(operator, action, { ownerPartnerId: LANDLORD, territory: '93', recordHolderPartnerIds: [LANDLORD] });
      if (d.allow) expect(mayAttempt(operator, action).allow).toBe(true);
    }
  });

  it('denies every action on an empty resource to a partner whose rule needs one', () => {
    for (const action of ACTIONS) {
      const d = decide(landlordKey, action, {});
      if (d.allow) expect(ACTION_RULES[action].resource).toBe('none');
    }
  });
});

describe('shared view fields', () => {
  it('grants the baseline without an agreement, and what the agreement adds', () => {
    expect(grantedFields(null)).toEqual(['stage', 'partnersInvolved']);
    expect(grantedFields(['phone', 'unknown', 'stage'])).toEqual(['stage', 'partnersInvolved', 'phone']);
  });

  it('projects a view onto the granted fields only', () => {
    const view = { stage: 'assignation', phone: '+33612345678', email: 'x@example.org', partnersInvolved: ['caf'] };
    expect(projectSharedView(view, grantedFields(['phone']))).toEqual({
      stage: 'assignation',
      partnersInvolved: ['caf'],
      phone: '+33612345678',
    });
  });
});

describe('roles and organisations', () => {
  it.each([
    ['admin', null, null],
    ['admin', 'caf', /réservé à l’équipe Unisson/],
    ['partner_staff', 'caf', null],
    ['partner_staff', 'analyste', /ne convient pas/],
    ['partner_staff', null, /demande un partenaire/],
    ['commissaire', 'commissaire_de_justice', null],
    ['commissaire', 'caf', /ne convient pas/],
    ['analyst', 'analyste', null],
  ] as const)('%s in %s', (role, kind, problem) => {
    const found = roleMisfit(role, kind);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
