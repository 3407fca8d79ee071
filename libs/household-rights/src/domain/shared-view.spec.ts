import { grantedFields, projectSharedView } from '@unisson/access';
import { buildSharedView, HouseholdFactsForView } from './shared-view';

const facts: HouseholdFactsForView = {
  territory: '93',
  records: [
    {
      partnerId: 'p1',
      lastName: 'Nguyen',
      firstName: 'Thi',
      street: '12 bis avenue Jean Jaurès',
      addressExtra: null,
      postalCode: '93200',
      city: 'Saint-Denis',
      phone: null,
      email: 'thi@example.org',
      cafNumber: null,
      updatedAt: '2026-11-01T00:00:00Z',
    },
    {
      partnerId: 'p2',
      lastName: 'NGUYEN',
      firstName: 'T.',
      street: '12B av Jean Jaures',
      addressExtra: 'Bât B',
      postalCode: '93200',
      city: 'Saint-Denis',
      phone: '+33612345678',
      email: null,
      cafNumber: '1234567',
      updatedAt: '2026-11-20T00:00:00Z',
    },
  ],
  procedure: {
    stage: 'assignation',
    housingSector: 'social',
    debtCents: 102480,
    hearingAt: '2027-01-12T09:00:00.000Z',
    hearingPlace: 'Tribunal de Bobigny',
  },
  stageOn: '2026-11-18',
  partnerKinds: ['caf', 'bailleur_social', 'caf'],
  plannedContacts: [
    { channel: 'sms', purpose: 'rappelAudience', notBefore: '2027-01-05T09:00:00.000Z', status: 'planned' },
    { channel: 'letter', purpose: 'old', notBefore: '2026-12-01T09:00:00.000Z', status: 'cancelled' },
  ],
  responses: [{ channel: 'sms', kind: 'sms_reply', receivedAt: '2026-11-25T10:00:00.000Z' }],
  optOuts: ['email'],
};

describe('the shared coordination view', () => {
  const view = buildSharedView(facts);

  it('tells "once" what partners learned: the freshest phone, the CAF number another partner knows', () => {
    expect(view).toMatchObject({
      stage: 'assignation',
      debtAmount: 1024.8,
      partnersInvolved: ['bailleur_social', 'caf'],
      phone: '+33612345678',
      email: 'thi@example.org',
      cafNumber: '1234567',
      reachableChannels: { sms: true, email: true, letter: true },
      lastResponse: { at: '2026-11-25T10:00:00.000Z', channel: 'sms' },
    });
    expect(view.plannedContacts).toHaveLength(1);
  });

  it('says a channel is not reachable when the engine knows its details do not work (wrong number, bounce, returned letter)', () => {
    const known = buildSharedView({ ...facts, reachable: { sms: false, email: true, letter: false, voice: false } });
    expect(known.reachableChannels).toEqual({ sms: false, email: true, letter: false, voice: false });
    // The number is still shown to whom the agreement grants it: it is what partners hold.
    expect(known.phone).toBe('+33612345678');
  });

  it('shows a partner without an agreement only the stage and who is involved', () => {
    expect(projectSharedView(view, grantedFields(null))).toEqual({ stage: 'assignation', partnersInvolved: ['bailleur_social', 'caf'] });
  });

  it('shows what the agreement grants and nothing else', () => {
    const seen = projectSharedView(view, grantedFields(['hearing', 'reachableChannels']));
    expect(Object.keys(seen).sort()).toEqual(['hearing', 'partnersInvolved', 'reachableChannels', 'stage']);
    expect(JSON.stringify(seen)).not.toMatch(/Nguyen|\+336|example\.org/);
  });
});
