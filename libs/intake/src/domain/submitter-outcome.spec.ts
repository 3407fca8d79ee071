import { submitterOutcome } from './submitter-outcome';

describe('submitterOutcome: a partner is told only what its own report says', () => {
  const household = '6dfb6d5c-0000-4000-8000-000000000001';
  const recorded = (stage: string, linkage: string) => ({
    householdId: household,
    procedureId: '7a000000-0000-4000-8000-000000000001',
    stage,
    linkage,
    closed: false,
    reportedType: 'commandement_de_payer',
    intents: [{ partnerId: 'landlord', purpose: 'rappelImpaye', stage, deadlineOn: null, callbackPhone: '+33100000000' }],
  });

  it('answers the same for a household another partner already followed at a later stage and for a new one', () => {
    const known = submitterOutcome('stage_event', 'cj', recorded('audience', 'link'));
    const unknown = submitterOutcome('stage_event', 'cj', recorded('commandement_de_payer', 'new-household'));
    expect(known).toEqual({ householdId: household, stage: 'commandement_de_payer' });
    expect(Object.keys(unknown!)).toEqual(Object.keys(known!));
    expect(JSON.stringify(known)).not.toMatch(/audience|link|landlord|rappelImpaye/);
  });

  it('says an alert reached the first unpaid rent, and a debt cleared closes, from the event alone', () => {
    expect(submitterOutcome('alert', 'landlord', { ...recorded('jugement', 'link'), reportedType: 'premier_impaye' })).toEqual({
      householdId: household,
      stage: 'premier_impaye',
    });
    expect(submitterOutcome('stage_event', 'landlord', { householdId: household, reportedType: 'dette_soldee' })).toEqual({
      householdId: household,
      closes: true,
    });
  });

  it('gives an intent its own intents only, and a refused report its error only', () => {
    const intent = submitterOutcome('intent', 'landlord', {
      ...recorded('premier_impaye', 'existing'),
      intents: [
        {
          partnerId: 'landlord',
          purpose: 'offreTravailleurSocialBailleur',
          stage: 'premier_impaye',
          deadlineOn: null,
          callbackPhone: null,
        },
        { partnerId: 'caf', purpose: 'avisSignalementCaf', stage: 'premier_impaye', deadlineOn: null, callbackPhone: null },
      ],
    });
    expect(intent?.intents?.map((i) => i.purpose)).toEqual(['offreTravailleurSocialBailleur']);
    expect(submitterOutcome('stage_event', 'cj', { householdId: household, error: 'UNKNOWN_PARTNER_REF' })).toEqual({
      error: 'UNKNOWN_PARTNER_REF',
    });
    expect(submitterOutcome('alert', 'x', null)).toBeNull();
  });
});
