import { DateTime } from 'luxon';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { PlanningInputBuilder, intent } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';
import type { Playbook } from './playbook.schema';
import { ContactPlan, PARTNER_KINDS, PartnerKind } from './types';
import { PROCEDURE_STAGES, ProcedureStage } from '@unisson/vocabulary';

const catalog = PlaybookCatalog.load();
const pb93 = catalog.forTerritory('93', '2026-11-02');
const stageStart = '2026-11-02T09:00:00.000Z';
const dates = { hearingDate: '2027-01-20' };

function intentsForStage(playbook: Playbook, stage: ProcedureStage) {
  return playbook.purposes
    .filter((p) => p.stage === stage)
    .flatMap((p) => p.leadPartnerKinds.map((l, i) => intent(p.id, l.kind, stage, { legal: p.legal, callbackPhone: `+3314000000${i}` })));
}

function letters(plan: ContactPlan) {
  return plan.contacts.filter((c) => c.channel === 'letter');
}

describe('planContacts, stage by stage (Seine-Saint-Denis)', () => {
  it.each(PROCEDURE_STAGES.map((s) => [s]))(
    'at stage %s: every legal purpose planned, one non-legal letter at most, one phone per message',
    (stage) => {
      const intents = intentsForStage(pb93, stage);
      const plan = planContacts(
        new PlanningInputBuilder(pb93)
          .atStage(stage, stageStart, dates)
          .withIntents(...intents)
          .build(),
      );
      const legalPurposes = pb93.purposes.filter((p) => p.stage === stage && p.legal).map((p) => p.id);
      for (const purpose of legalPurposes) {
        expect(plan.contacts.some((c) => c.legal && c.purposes.includes(purpose))).toBe(true);
      }
      expect(letters(plan).filter((c) => !c.legal).length).toBeLessThanOrEqual(1);
      const coveredIntents = new Set(plan.contacts.flatMap((c) => c.absorbedIntentIds));
      const sentLetters = letters(plan).length + plan.contacts.filter((c) => c.channel === 'servedAct').length;
      expect(sentLetters).toBeLessThan(Math.max(intents.length, 2));
      expect(coveredIntents.size).toBeGreaterThan(0);
      for (const contact of plan.contacts) expect(typeof contact.callbackPhone === 'string' || contact.callbackPhone === null).toBe(true);
    },
  );
});

describe('planContacts rules', () => {
  const cdpIntents = () => [
    intent('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', { legal: true }),
    intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer', { callbackPhone: '+33140000000' }),
    intent('offreServiceSocialCommandement', 'departement', 'commandement_de_payer', { callbackPhone: '+33143930000' }),
    intent('informationJuridiqueAdil', 'adil', 'commandement_de_payer', { callbackPhone: '+33142790000' }),
  ];
  const base = () => new PlanningInputBuilder(pb93).atStage('commandement_de_payer', stageStart).withIntents(...cdpIntents());

  it('merges partners of one merge group into one co-signed legal letter with the lead partner’s number', () => {
    const plan = planContacts(base().build());
    const letter = letters(plan);
    expect(letter).toHaveLength(1);
    expect(letter[0].leadPartnerId).toBe('partner-etat');
    expect(letter[0].coSigningPartnerIds).toEqual(['partner-adil', 'partner-departement']);
    expect(letter[0].callbackPhone).toBe('+33140000000');
    expect(plan.trace.some((t) => t.code === 'contradictionResolved')).toBe(true);
  });

  it('keeps the served act and plans it without a send window restriction', () => {
    const plan = planContacts(base().build());
    const act = plan.contacts.find((c) => c.channel === 'servedAct');
    expect(act?.legal).toBe(true);
    expect(act?.window.notBefore).toBe(stageStart);
  });

  it('a cleared debt cancels every non-legal contact and withdraws the legal acts it makes moot, with the legal reason', () => {
    const plan = planContacts(
      base()
        .withIntents(intent('rappelFinDelaiCommandement', 'adil', 'commandement_de_payer'))
        .withEvent({ type: 'debtCleared', at: '2026-11-02T08:30:00.000Z' })
        .build(),
    );
    expect(plan.contacts).toEqual([]);
    expect(plan.trace.some((t) => t.code === 'suppressedByEvent')).toBe(true);
    expect(plan.trace.filter((t) => t.code === 'legalWithdrawn').map((t) => t.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('loi n° 89-462, art. 24 I')]),
    );
  });

  it('an event announced for the future does not cancel anything yet', () => {
    const intents = cdpIntents();
    const input = () => new PlanningInputBuilder(pb93).atStage('commandement_de_payer', stageStart).withIntents(...intents);
    const withoutEvent = planContacts(input().build());
    const withFutureEvent = planContacts(input().withEvent({ type: 'debtCleared', at: '2026-12-01T00:00:00.000Z' }).build());
    expect(withFutureEvent.contacts).toEqual(withoutEvent.contacts);
  });

  it('honours an SMS opt-out for companion messages but keeps the legal letter', () => {
    const plan = planContacts(base().withOptOut({ channel: 'sms', partnerId: null, at: stageStart }).build());
    expect(plan.contacts.some((c) => c.channel === 'sms')).toBe(false);
    expect(plan.contacts.some((c) => c.channel === 'letter' && c.legal)).toBe(true);
  });

  it('after a letter came back NPAI: legal letter kept, doubled by another channel, home visit suggested', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('premier_impaye', stageStart)
        .withIntents(
          intent('rappelImpaye', 'bailleur_prive', 'premier_impaye'),
          intent('offreTravailleurSocialBailleur', 'caf', 'premier_impaye'),
        )
        .withPartners({ id: 'partner-departement', name: 'Département de la Seine-Saint-Denis', kind: 'departement' })
        .withHousehold({ postalAddressValid: false })
        .build(),
    );
    expect(letters(plan)).toHaveLength(0);
    expect(plan.contacts.some((c) => c.channel === 'homeVisit')).toBe(true);
    expect(plan.trace.some((t) => t.code === 'escalationNpai')).toBe(true);

    const legal = planContacts(
      base()
        .withHistory({
          channel: 'letter',
          purpose: 'rappelImpaye',
          stage: 'premier_impaye',
          at: '2026-10-01T09:00:00Z',
          outcome: 'npai',
          legal: false,
        })
        .build(),
    );
    const legalLetter = letters(legal).find((c) => c.legal);
    expect(legalLetter).toBeDefined();
    expect(
      legal.contacts
        .filter((c) => c.step === legalLetter?.step && c.key.includes('preventionCommandement'))
        .map((c) => c.channel)
        .sort(),
    ).toEqual(['email', 'letter']);
  });

  it('drops “if no response” reminders once the household answered', () => {
    const input = new PlanningInputBuilder(pb93)
      .atStage('premier_impaye', stageStart)
      .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'));
    const before = planContacts(input.build());
    expect(before.contacts.some((c) => c.onlyIfNoResponse)).toBe(true);
    const after = planContacts(
      input.withEvent({ type: 'householdResponded', at: '2026-11-03T10:00:00Z' }).at('2026-11-03T10:00:00Z').build(),
    );
    expect(after.contacts.some((c) => c.onlyIfNoResponse)).toBe(false);
  });

  it('moves to the next channel when one was undelivered', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('premier_impaye', stageStart)
        .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'))
        .withHistory({
          channel: 'sms',
          purpose: 'rappelImpaye',
          stage: 'premier_impaye',
          at: stageStart,
          outcome: 'undelivered',
          legal: false,
        })
        .build(),
    );
    expect(plan.contacts.some((c) => c.channel === 'sms')).toBe(false);
    expect(plan.contacts.some((c) => c.channel === 'email')).toBe(true);
  });

  it('does not plan again a step already done', () => {
    const input = new PlanningInputBuilder(pb93)
      .atStage('premier_impaye', stageStart)
      .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'));
    const first = planContacts(input.build());
    const smsKey = first.contacts.find((c) => c.channel === 'sms')?.key;
    const second = planContacts(
      input
        .withHistory({
          channel: 'sms',
          purpose: 'rappelImpaye',
          stage: 'premier_impaye',
          at: stageStart,
          outcome: 'delivered',
          legal: false,
        })
        .build(),
    );
    expect(smsKey).toBeDefined();
    expect(second.contacts.some((c) => c.key === smsKey)).toBe(false);
  });

  it('pauses calls for 60 days after a refusal', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('premier_impaye', stageStart)
        .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'))
        .withHistory({
          channel: 'call',
          purpose: 'autre',
          stage: 'premier_impaye',
          at: '2026-10-20T10:00:00Z',
          outcome: 'refused',
          legal: false,
        })
        .build(),
    );
    const call = plan.contacts.find((c) => c.channel === 'call');
    expect(call).toBeDefined();
    expect(Date.parse(call?.window.notBefore ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-12-19T10:00:00Z'));
  });

  it('defers SMS beyond the rolling cap', () => {
    const history = [1, 2, 3, 4].map((d) => ({
      channel: 'sms' as const,
      purpose: 'autre',
      stage: 'premier_impaye' as const,
      at: `2026-10-2${d}T10:00:00Z`,
      outcome: 'delivered' as const,
      legal: false,
    }));
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('premier_impaye', stageStart)
        .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'))
        .withHistory(...history)
        .build(),
    );
    const sms = plan.contacts.find((c) => c.channel === 'sms');
    expect(Date.parse(sms?.window.notBefore ?? '')).toBeGreaterThan(Date.parse('2026-11-20T10:00:00Z'));
    expect(plan.trace.some((t) => t.code === 'deferredCap')).toBe(true);
  });

  it('suppresses a non-legal reminder whose useful date has passed', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('assignation', '2026-11-02T09:00:00Z', { hearingDate: '2026-11-10' })
        .withIntents(intent('rappelAudience', 'adil', 'assignation'))
        .at('2026-11-10T12:00:00Z')
        .build(),
    );
    expect(plan.contacts).toHaveLength(0);
    expect(plan.trace.some((t) => t.code === 'suppressedTooLate')).toBe(true);
  });

  it('defers emergency-shelter outreach to the end of the winter truce', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('expulsion', '2026-12-10T09:00:00Z')
        .withIntents(intent('hebergementUrgence', 'departement', 'expulsion'))
        .at('2026-12-10T09:00:00Z')
        .build(),
    );
    const earliest = plan.contacts.map((c) => c.window.notBefore).sort()[0];
    expect(earliest >= '2027-03-31T22:00:00.000Z').toBe(true);
    expect(plan.trace.some((t) => t.code === 'deferredWinterTruce')).toBe(true);
  });

  it('uses the overseas time zone from the postal code', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .withHousehold({ postalCode: '97400' })
        .atStage('premier_impaye', '2026-11-02T04:00:00Z')
        .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'))
        .at('2026-11-02T04:00:00Z')
        .build(),
    );
    expect(plan.timeZone).toBe('Indian/Reunion');
    const sms = plan.contacts.find((c) => c.channel === 'sms');
    expect(DateTime.fromISO(sms?.window.notBefore ?? '', { zone: 'Indian/Reunion' }).hour).toBe(10);
  });

  it('switches the lead of the housing-benefit decision from the CAF to the CCAPEX on 1 January 2027', () => {
    const intents = () => [
      intent('decisionAideLogement', 'caf', 'signalement_caf'),
      intent('decisionAideLogement', 'ccapex', 'signalement_caf'),
    ];
    const lead = (now: string) =>
      planContacts(
        new PlanningInputBuilder(pb93)
          .atStage('signalement_caf', now)
          .withIntents(...intents())
          .at(now)
          .build(),
      ).contacts.find((c) => c.channel === 'letter')?.leadPartnerId;
    expect(lead('2026-12-30T09:00:00Z')).toBe('partner-caf');
    expect(lead('2027-01-04T09:00:00Z')).toBe('partner-ccapex');
  });

  it('ignores unknown non-legal purposes but still plans an unknown legal one as a letter', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('premier_impaye', stageStart)
        .withIntents(
          intent('inconnu', 'ccas', 'premier_impaye'),
          intent('miseEnDemeure', 'bailleur_prive', 'premier_impaye', { legal: true }),
        )
        .build(),
    );
    expect(plan.contacts.map((c) => [c.purpose, c.channel, c.legal])).toEqual([['miseEnDemeure', 'letter', true]]);
    expect(plan.trace.some((t) => t.code === 'suppressedUnknownPurpose')).toBe(true);
  });

  it('keeps a legal intent of an earlier stage after the procedure advanced', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .atStage('assignation', stageStart, dates)
        .withIntents(
          intent('lettrePreventionCcapex', 'etat', 'commandement_de_payer'),
          intent('offreServiceSocialCommandement', 'departement', 'commandement_de_payer'),
        )
        .build(),
    );
    expect(plan.contacts.some((c) => c.purposes.includes('lettrePreventionCcapex') && c.legal)).toBe(true);
    expect(plan.contacts.some((c) => c.purposes.includes('offreServiceSocialCommandement'))).toBe(false);
  });

  it('gives each planned contact a reason and every partner kind can lead somewhere', () => {
    const plan = planContacts(base().build());
    for (const contact of plan.contacts) expect(contact.reasons[0]).toMatch(/Obligation légale|Prévu par le playbook/);
    const leads = new Set(pb93.purposes.flatMap((p) => p.leadPartnerKinds.map((l) => l.kind)));
    const unused = PARTNER_KINDS.filter((k: PartnerKind) => !leads.has(k));
    expect(unused).toEqual(['plateforme_appels']);
  });

  it('still plans a legal letter when a misconfigured letter window never opens; a non-legal letter is dropped', () => {
    const closed = {
      ...pb93,
      contactHours: { ...pb93.contactHours, letter: { days: [1], ranges: [{ from: '10:00', to: '10:00' }], allowPublicHolidays: false } },
    };
    const plan = planContacts(
      new PlanningInputBuilder(closed)
        .atStage('signalement_caf', stageStart)
        .withIntents(
          intent('avisSignalementCaf', 'caf', 'signalement_caf', { legal: true }),
          intent('protocoleTripartite', 'etat', 'signalement_caf'),
        )
        .withOptOut({ channel: 'sms', partnerId: null, at: stageStart })
        .build(),
    );
    expect(plan.contacts.map((c) => [c.purpose, c.channel, c.legal])).toEqual([['avisSignalementCaf', 'letter', true]]);
    const nonLegal = planContacts(
      new PlanningInputBuilder(closed)
        .withHousehold({ hasEmail: false })
        .atStage('premier_impaye', stageStart)
        .withIntents(intent('informationSosLoyersImpayes', 'adil', 'premier_impaye'))
        .build(),
    );
    expect(nonLegal.contacts).toEqual([]);
  });
});
