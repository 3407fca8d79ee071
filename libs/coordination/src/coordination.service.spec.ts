import type { KeyPrincipal } from '@unisson/access';
import type { CoordinationRepository, PlannedContactRecord } from './coordination.repository';
import { CoordinationService } from './coordination.service';
import type { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { civilDate, isMobileNumber, postalAddressKey } from './household-snapshot.repository';
import type { PlanExecutor } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';

const catalog = PlaybookCatalog.load();
const clock = { now: () => Date.parse('2026-11-02T09:00:00Z') };

function contact(key: string, status: PlannedContactRecord['status']): PlannedContactRecord {
  return {
    key,
    planId: 'plan',
    householdId: 'h',
    status,
    channel: 'letter',
    purpose: 'p',
    purposes: ['p'],
    legal: false,
    stage: 'premier_impaye',
    step: 0,
    onlyIfNoResponse: false,
    leadPartnerId: 'partner-a',
    coSigningPartnerIds: [],
    callbackPhone: null,
    window: { notBefore: '2026-11-03T09:00:00.000Z', notAfter: null },
    variantSlot: 0,
    absorbedIntentIds: ['i1'],
    reasons: ['r'],
    outcome: status === 'handedOff' ? 'npai' : null,
    cancelReason: status === 'cancelled' ? 'Annulé : la dette est soldée (le 30 novembre 2026).' : null,
    handedOffAt: status === 'handedOff' ? '2026-11-03T09:00:00.000Z' : null,
  };
}

function service(
  overrides: Partial<
    Record<'findPlan' | 'loadCoordinationState' | 'findSnapshot' | 'findRecordHolders' | 'applyPlans' | 'cancelHousehold', jest.Mock>
  > = {},
) {
  const repository = {
    findPlan: overrides.findPlan ?? jest.fn(),
    loadCoordinationState: overrides.loadCoordinationState ?? jest.fn().mockResolvedValue({ intents: [], history: [], events: [] }),
  } as unknown as CoordinationRepository;
  const snapshots = {
    findSnapshot: overrides.findSnapshot ?? jest.fn().mockResolvedValue(null),
    findRecordHolders:
      overrides.findRecordHolders ?? jest.fn().mockResolvedValue({ territory: '93', partnerIds: ['landlord-who-alerted'] }),
    findPartners: jest.fn().mockResolvedValue([{ id: 'partner-a', name: 'Habitat Solidaire 93', kind: 'bailleur_social' }]),
  } as unknown as HouseholdSnapshotRepository;
  const executor = {
    applyPlans: overrides.applyPlans ?? jest.fn().mockResolvedValue({ scheduled: [], cancelled: [] }),
    cancelHousehold: overrides.cancelHousehold ?? jest.fn().mockResolvedValue([]),
  } as unknown as PlanExecutor;
  return new CoordinationService(repository, snapshots, executor, catalog, clock);
}

describe('CoordinationService', () => {
  const stored = {
    plan: {
      procedure_id: 'proc',
      stage: 'premier_impaye',
      territory: '93',
      playbook_version: 'v',
      time_zone: 'Europe/Paris',
      planned_at: new Date(),
      partner_ids: ['partner-a'],
      trace: [],
    },
    contacts: [contact('k1', 'planned'), contact('k2', 'cancelled'), contact('k3', 'handedOff')],
  };

  const reader = (partnerId: string, partnerKind: string, territory: string): KeyPrincipal => ({
    type: 'api_key',
    keyId: `key-${partnerId}`,
    partnerId,
    partnerKind,
    territories: [territory],
    scopes: ['plans:read'],
  });

  it.each([
    ['a partner named in the plan', reader('partner-a', 'bailleur_social', '93'), true],
    ['the Département of the territory', reader('cd', 'departement', '93'), true],
    ['a partner not named in the plan', reader('partner-z', 'bailleur_social', '93'), false],
    ['the landlord holding the record, no longer named', reader('landlord-who-alerted', 'bailleur_social', '93'), true],
    ['a record holder of another territory', reader('landlord-who-alerted', 'bailleur_social', '38'), false],
    ['the Département of another territory', reader('cd38', 'departement', '38'), false],
  ])('shows the plan to %s: %s', async (_label, reader, entitled) => {
    const result = service({ findPlan: jest.fn().mockResolvedValue(stored) }).planFor('h', reader);
    if (entitled) {
      const plan = await result;
      expect(plan.contacts.map((c) => [c.key, c.state, c.stateReason])).toEqual([
        ['k1', 'planned', 'Prévu à partir du 3 novembre 2026.'],
        ['k2', 'cancelled', 'Annulé : la dette est soldée (le 30 novembre 2026).'],
        [
          'k3',
          'returned',
          "Courrier revenu (n'habite pas à l'adresse indiquée) : adresse marquée invalide, le contenu part par un autre canal.",
        ],
      ]);
      expect(plan.contacts[0]).not.toHaveProperty('planId');
      expect(plan.contacts[0].leadPartnerName).toBe('Habitat Solidaire 93');
    } else {
      await expect(result).rejects.toMatchObject({ code: 'NOT_FOUND', statusCode: 404 });
    }
  });

  it('plans nothing and cancels what was pending when the household has no open procedure', async () => {
    const applyPlans = jest.fn();
    const cancelHousehold = jest.fn().mockResolvedValue(['k1']);
    expect(await service({ applyPlans, cancelHousehold }).replan('h')).toBeNull();
    expect(applyPlans).not.toHaveBeenCalled();
    expect(cancelHousehold).toHaveBeenCalledWith('h', "Le ménage n'a plus de procédure suivie par Unisson.");
  });

  it('re-plans from the stored state and hands the plan to the executor with intent owners', async () => {
    const applyPlans = jest.fn().mockResolvedValue({ scheduled: [], cancelled: [] });
    const findSnapshot = jest.fn().mockResolvedValue({
      territory: '93',
      household: { id: 'h', postalCode: '93200', hasMobilePhone: true, hasEmail: false, postalAddressValid: true },
      procedure: {
        id: 'proc',
        stage: 'premier_impaye',
        stageEventOn: '2026-11-02',
        stageEnteredAt: '2026-11-02T08:00:00.000Z',
        landlordKind: 'social',
        leaseSignedOn: null,
        dates: {},
        arrears: { debtCents: 100_000, monthlyRentCents: 50_000, firstUnpaidOn: '2026-10-05', housingBenefit: null },
        closedOn: null,
      },
      optOuts: [],
      events: [],
      partners: [],
    });
    const loadCoordinationState = jest.fn().mockResolvedValue({
      intents: [
        {
          id: 'i1',
          partnerId: 'landlord',
          partnerKind: 'bailleur_social',
          stage: 'premier_impaye',
          purpose: 'rappelImpaye',
          legal: false,
          deadline: null,
          callbackPhone: null,
          createdAt: '2026-11-02T08:00:00.000Z',
        },
      ],
      history: [],
      events: [],
    });
    const plan = await service({ applyPlans, findSnapshot, loadCoordinationState }).replan('h');
    expect(plan?.contacts.length).toBeGreaterThan(0);
    expect(applyPlans).toHaveBeenCalledWith([plan], new Map([['i1', 'landlord']]));
  });

  it('compares addresses whatever the case, accents and punctuation partners write', () => {
    expect(postalAddressKey({ street: '12 bis av. Jean-Jaurès', addressExtra: 'Bât B', postalCode: '93200' })).toBe(
      postalAddressKey({ street: '12 BIS AV JEAN JAURES', addressExtra: 'bat  b', postalCode: '93200' }),
    );
  });

  it.each([
    ['+33612345678', true],
    ['+33712345678', true],
    ['+33142345678', false],
    ['+590690123456', true],
    ['+590590123456', false],
    ['+262692123456', true],
    ['+262639123456', true],
    ['+596696123456', true],
    ['+594694123456', true],
    [null, false],
  ])('%s is a mobile number: %s', (phone, expected) => {
    expect(isMobileNumber(phone)).toBe(expected);
  });

  it.each([
    [new Date(2026, 10, 2), '2026-11-02'],
    ['2023-07-29', '2023-07-29'],
    [null, null],
    ['pas une date', null],
  ])('reads the date column %p as %p', (value, expected) => {
    expect(civilDate(value)).toBe(expected);
  });
});
