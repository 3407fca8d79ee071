import { PlanningInput, PlaybookCatalog } from '@unisson/coordination';
import { stillNeeded, TaskNeed } from './still-needed';

const created = Date.parse('2026-12-01T10:00:00Z');
const playbook = PlaybookCatalog.load().forTerritory('93', '2026-12-07');
/** What the check reads of the planning input: the procedure, events, history and playbook. */
class PlanningInputBuilder {
  constructor(private readonly pb: typeof playbook) {}
  build(): PlanningInput {
    return {
      household: { id: 'h1', postalCode: '93200', hasMobilePhone: true, hasEmail: false, postalAddressValid: true },
      procedure: {
        id: 'p1',
        stage: 'commandement_de_payer',
        stageEventOn: '2026-11-02',
        stageEnteredAt: '2026-11-02T09:00:00.000Z',
        landlordKind: 'prive',
        leaseSignedOn: null,
        dates: {},
        arrears: { debtCents: 100_000, monthlyRentCents: 50_000, firstUnpaidOn: '2026-09-05', housingBenefit: null },
        closedOn: null,
      },
      intents: [],
      playbook: this.pb,
      history: [],
      optOuts: [],
      events: [],
      partners: [],
      now: '2026-12-03T09:00:00.000Z',
    };
  }
}
const task: TaskNeed = {
  stage: 'commandement_de_payer',
  purpose: 'offreServiceSocialCommandement',
  onlyIfNoResponse: true,
  createdAt: created,
  contactKey: 'k1',
  lastOutcome: null,
};

describe('does the plan still need the task?', () => {
  it('keeps a task while nothing happened since it was created', () => {
    const input = new PlanningInputBuilder(playbook).build();
    expect(stillNeeded({ ...task, stage: input.procedure.stage }, input)).toEqual({ needed: true });
  });

  it('cancels it when the household answered elsewhere, unless it asked for this call-back', () => {
    const input = new PlanningInputBuilder(playbook).build();
    const answered = { ...input, events: [{ type: 'householdResponded' as const, at: '2026-12-02T09:00:00Z' }] };
    const t = { ...task, stage: input.procedure.stage };
    expect(stillNeeded(t, answered)).toEqual({ needed: false, reason: 'Annulée : le ménage a répondu.' });
    expect(stillNeeded({ ...t, lastOutcome: 'callback_requested' }, answered)).toEqual({ needed: true });
    expect(stillNeeded({ ...t, onlyIfNoResponse: false }, answered)).toEqual({ needed: true });
  });

  it('cancels it when the debt is cleared, the stage moved on or the procedure closed', () => {
    const input = new PlanningInputBuilder(playbook).build();
    const t = { ...task, stage: input.procedure.stage };
    const cleared = { ...input, events: [{ type: 'debtCleared' as const, at: '2026-12-02T09:00:00Z' }] };
    expect(stillNeeded(t, cleared)).toEqual({ needed: false, reason: 'Annulée : la dette est soldée.' });
    expect(stillNeeded({ ...t, stage: 'assignation' }, input).needed).toBe(false);
    expect(stillNeeded(t, null).needed).toBe(false);
  });

  it('cancels a call to a number another caller found wrong', () => {
    const input = new PlanningInputBuilder(playbook).build();
    const t = { ...task, stage: input.procedure.stage };
    expect(stillNeeded({ ...t, numberFoundWrong: true }, input)).toEqual({
      needed: false,
      reason: 'Annulée : ce numéro a été signalé comme un mauvais numéro.',
    });
    expect(stillNeeded({ ...t, numberFoundWrong: false }, input)).toEqual({ needed: true });
  });

  describe('after the household objected to a channel', () => {
    const input = new PlanningInputBuilder(playbook).build();
    const t = { ...task, stage: input.procedure.stage };
    const objected = (channel: 'call' | 'sms' | 'voice', at = '2026-12-02T09:00:00Z') => ({
      ...input,
      optOuts: [{ channel, partnerId: null, at }],
    });
    const cancelledForCalls = { needed: false, reason: 'Annulée : le ménage s’est opposé aux appels, ne l’appelez pas.' };

    it('cancels its call tasks, planned or not, whenever they were created', () => {
      expect(stillNeeded({ ...t, channel: 'call' }, objected('call'))).toEqual(cancelledForCalls);
      expect(stillNeeded({ ...t, channel: 'call' }, objected('call', '2026-11-01T09:00:00Z'))).toEqual(cancelledForCalls);
    });

    it('keeps its home visits: a visit is not a call', () => {
      expect(stillNeeded({ ...t, channel: 'homeVisit' }, objected('call'))).toEqual({ needed: true });
    });

    it('keeps its call tasks when it objected to SMS only', () => {
      expect(stillNeeded({ ...t, channel: 'call' }, objected('sms'))).toEqual({ needed: true });
    });

    it('keeps a call the household asked for after objecting, and cancels one it asked for before', () => {
      const callback = { ...t, stage: null, purpose: 'rappelDemande', onlyIfNoResponse: false, channel: 'call' as const };
      const askedAfter = { ...callback, askedByHouseholdAt: Date.parse('2026-12-02T10:00:00Z') };
      const askedBefore = { ...callback, askedByHouseholdAt: Date.parse('2026-12-02T08:00:00Z') };
      expect(stillNeeded(askedAfter, objected('call'))).toEqual({ needed: true });
      expect(stillNeeded(askedBefore, objected('call'))).toEqual(cancelledForCalls);
    });

    it('honours an objection to one partner only for that partner’s calls', () => {
      const onePartner = { ...input, optOuts: [{ channel: 'call' as const, partnerId: 'p-bailleur', at: '2026-12-02T09:00:00Z' }] };
      expect(stillNeeded({ ...t, channel: 'call', partnerId: 'p-bailleur' }, onePartner)).toEqual(cancelledForCalls);
      expect(stillNeeded({ ...t, channel: 'call', partnerId: 'p-caf' }, onePartner)).toEqual({ needed: true });
    });
  });
});
