import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { PlanningInputBuilder, intent } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';
import type { ContactPlan, HouseholdState } from './types';

const catalog = PlaybookCatalog.load();
const pb93 = catalog.forTerritory('93', '2026-11-02');
const start = '2026-11-02T09:00:00.000Z';

const firstArrears = () => intent('rappelImpaye', 'bailleur_social', 'premier_impaye', { callbackPhone: '+33148000001' });
const atFirstArrears = (household: Partial<HouseholdState>) =>
  new PlanningInputBuilder(pb93).atStage('premier_impaye', start).withHousehold(household).withIntents(firstArrears());
const channels = (plan: ContactPlan) => plan.contacts.map((c) => `${c.channel}.${c.step}`).sort();

describe('the channel a household chose on its response page', () => {
  it('sends its written messages by the chosen channel, once a day, and says why in the trace', () => {
    // Without a choice: SMS at once, the e-mail the same day, a letter, then a call.
    expect(channels(planContacts(atFirstArrears({}).build()))).toEqual(['call.3', 'email.1', 'letter.2', 'sms.0']);
    const byEmail = planContacts(atFirstArrears({ preferredChannel: 'email' }).build());
    // The same-day SMS and e-mail become one e-mail; the letter's reminder goes by e-mail; the call stays.
    expect(channels(byEmail)).toEqual(['call.3', 'email.0', 'email.2']);
    expect(
      byEmail.trace
        .filter((t) => t.code === 'householdChoseChannel')
        .map((t) => t.message)
        .join(' '),
    ).toMatch(/a choisi d'être contacté par courriel.*au lieu du SMS/);
    // The reminder keeps its condition: only if the household has not answered.
    expect(byEmail.contacts.find((c) => c.channel === 'email' && c.step === 2)!.onlyIfNoResponse).toBe(true);
  });

  it('writes to a household that asked for letters, within the one non-legal letter a stage allows', () => {
    const byLetter = planContacts(atFirstArrears({ preferredChannel: 'letter' }).build());
    expect(channels(byLetter)).toEqual(['call.3', 'letter.0']);
    expect(byLetter.contacts.find((c) => c.channel === 'letter')!.window.notBefore).toBe(start);
  });

  it('ignores a choice that cannot reach the household, or that it objected to', () => {
    const plain = channels(planContacts(atFirstArrears({}).build()));
    expect(channels(planContacts(atFirstArrears({ preferredChannel: 'email', hasEmail: false }).build()))).toEqual(
      plain.filter((c) => !c.startsWith('email')),
    );
    const objected = atFirstArrears({ preferredChannel: 'sms' })
      .withOptOut({ channel: 'sms', partnerId: null, at: '2026-10-01T10:00:00.000Z' })
      .build();
    expect(channels(planContacts(objected))).toEqual(['call.3', 'email.1', 'letter.2']);
  });

  it('never moves a legal letter to another channel', () => {
    const input = new PlanningInputBuilder(pb93)
      .atStage('commandement_de_payer', start)
      .withHousehold({ preferredChannel: 'sms' })
      .withIntents(
        intent('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', { legal: true }),
        intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer', { callbackPhone: '+33140000000' }),
      )
      .build();
    const chosen = planContacts(input);
    const unchosen = planContacts({ ...input, household: { ...input.household, preferredChannel: null } });
    const legal = (plan: ContactPlan) => plan.contacts.filter((c) => c.legal).map((c) => `${c.channel}:${c.key}`);
    expect(legal(chosen)).toEqual(legal(unchosen));
    expect(legal(chosen).length).toBeGreaterThan(0);
  });
});
