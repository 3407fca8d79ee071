import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { PlanningInputBuilder, intent } from '../testing/planning-input.builder';
import { zoneClock } from './calendar';
import { isAllowedInstant } from './send-window';
import { planContacts } from './contact-planner';
import type { ContactPlan, HouseholdState } from './types';

const catalog = PlaybookCatalog.load();
const pb93 = catalog.forTerritory('93', '2026-11-02');
// A Monday, 09:00 UTC (10:00 in Paris): inside the call hours.
const start = '2026-11-02T09:00:00.000Z';

const firstArrears = () => intent('rappelImpaye', 'bailleur_social', 'premier_impaye', { callbackPhone: '+33148000001' });
const atFirstArrears = (household: Partial<HouseholdState>) =>
  new PlanningInputBuilder(pb93).atStage('premier_impaye', start).withHousehold(household).withIntents(firstArrears());
const channels = (plan: ContactPlan) => plan.contacts.map((c) => `${c.channel}.${c.step}`).sort();
const readsWithDifficulty = { readsWithDifficulty: true, hasPhone: true };

describe('spoken messages for households who read with difficulty', () => {
  it('speaks the first-arrears SMS (and the same-day e-mail) and goes with the letter; a household that reads gets them written', () => {
    expect(channels(planContacts(atFirstArrears({}).build()))).toEqual(['call.3', 'email.1', 'letter.2', 'sms.0']);
    const spoken = planContacts(atFirstArrears(readsWithDifficulty).build());
    expect(channels(spoken)).toEqual(['call.3', 'letter.2', 'voice.0', 'voice.2']);
    const first = spoken.contacts.find((c) => c.channel === 'voice' && c.step === 0)!;
    expect(first.reasons.join(' ')).toMatch(/lit difficilement.*message vocal, à la place du SMS/);
    // Said within the playbook's hours for spoken messages, in the household's time zone.
    const paris = { clock: zoneClock('Europe/Paris'), territory: '93' };
    expect(isAllowedInstant(Date.parse(first.window.notBefore), pb93.contactHours.voice!, paris)).toBe(true);
    // Its letter's spoken message is only said if the household has not answered, as the letter.
    expect(spoken.contacts.find((c) => c.channel === 'voice' && c.step === 2)!.onlyIfNoResponse).toBe(true);
    expect(spoken.trace.some((t) => t.code === 'spokenInstead')).toBe(true);
    expect(spoken.trace.some((t) => t.code === 'spokenAlongside')).toBe(true);
  });

  it('never drops a legal letter: the spoken message goes with it', () => {
    const input = new PlanningInputBuilder(pb93)
      .atStage('commandement_de_payer', start)
      .withHousehold(readsWithDifficulty)
      .withIntents(
        intent('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', { legal: true }),
        intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer', { callbackPhone: '+33140000000' }),
      )
      .build();
    const written = planContacts({ ...input, household: { ...input.household, readsWithDifficulty: false } });
    const spoken = planContacts(input);
    const legal = (plan: ContactPlan) => plan.contacts.filter((c) => c.legal).map((c) => c.key);
    expect(legal(spoken)).toEqual(legal(written));
    expect(legal(spoken).length).toBeGreaterThan(0);
    const voiceWithLetter = spoken.contacts.find((c) => c.channel === 'voice' && c.purposes.includes('lettrePreventionCcapex'));
    expect(voiceWithLetter).toBeDefined();
    expect(voiceWithLetter!.legal).toBe(false);
    expect(spoken.contacts.filter((c) => c.channel === 'sms')).toEqual([]);
  });

  it('rings a landline when the household has no mobile phone (an SMS could not reach it)', () => {
    const plan = planContacts(atFirstArrears({ ...readsWithDifficulty, hasMobilePhone: false }).build());
    expect(channels(plan)).toContain('voice.0');
    expect(channels(planContacts(atFirstArrears({ hasMobilePhone: false, hasPhone: true }).build()))).not.toContain('voice.0');
  });

  it('keeps the written channel when no spoken message can reach the household: no phone, calls refused', () => {
    const noPhone = planContacts(atFirstArrears({ readsWithDifficulty: true, hasPhone: false, hasMobilePhone: false }).build());
    expect(channels(noPhone)).toEqual(['email.1', 'letter.2']);
    const objected = planContacts(
      atFirstArrears(readsWithDifficulty).withOptOut({ channel: 'voice', partnerId: null, at: '2026-10-01T10:00:00.000Z' }).build(),
    );
    expect(channels(objected)).toEqual(['call.3', 'email.1', 'letter.2', 'sms.0']);
  });

  it('gives the written channel back when the spoken message did not get through, and says it once', () => {
    const first = planContacts(atFirstArrears(readsWithDifficulty).build());
    const voice = first.contacts.find((c) => c.channel === 'voice' && c.step === 0)!;
    const handedOff = {
      channel: 'voice' as const,
      purpose: 'rappelImpaye',
      stage: 'premier_impaye' as const,
      at: start,
      legal: false,
      key: voice.key,
    };
    const later = '2026-11-02T15:00:00.000Z';
    // Said once: the next plan does not say it again, nor write the SMS it replaced.
    const said = planContacts(
      atFirstArrears(readsWithDifficulty)
        .withHistory({ ...handedOff, outcome: 'delivered' })
        .at(later)
        .build(),
    );
    expect(channels(said)).toEqual(['call.3', 'letter.2', 'voice.2']);
    // Not answered (no answer, busy): written from now on, the SMS and the e-mail it replaced included.
    const missed = planContacts(
      atFirstArrears(readsWithDifficulty)
        .withHistory({ ...handedOff, outcome: 'undelivered' })
        .at(later)
        .build(),
    );
    expect(channels(missed)).toEqual(['call.3', 'email.1', 'letter.2', 'sms.0']);
  });

  it('keeps the same keys from one plan to the next (one contact, one message)', () => {
    const a = planContacts(atFirstArrears(readsWithDifficulty).build());
    const b = planContacts(atFirstArrears(readsWithDifficulty).at('2026-11-02T09:05:00.000Z').build());
    expect(b.contacts.map((c) => c.key)).toEqual(a.contacts.map((c) => c.key));
  });
});
