/**
 * Issue 8, in the pure planner: the plan follows what really happens to the case and is legally
 * right everywhere in France.
 */
import { CONTACT_CHANNELS, DEPARTEMENTS, PROCEDURE_STAGES } from '@unisson/vocabulary';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { PlanningInputBuilder, intent } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';
import { HOUSEHOLD_EVENTS, PARTNER_KINDS, withdrawalReasonFor, type ContactPlan, type PartnerInPlan } from './types';

const catalog = PlaybookCatalog.load();
const pb93 = catalog.forTerritory('93', '2026-11-02');
const partners: PartnerInPlan[] = [
  { id: '4b1f7f1e-0000-4000-8000-000000000001', name: 'Habitat Solidaire 93', kind: 'bailleur_social' },
  { id: '4b1f7f1e-0000-4000-8000-000000000002', name: 'Préfecture de la Seine-Saint-Denis', kind: 'etat' },
  { id: '4b1f7f1e-0000-4000-8000-000000000003', name: 'Département de la Seine-Saint-Denis', kind: 'departement' },
  { id: '4b1f7f1e-0000-4000-8000-000000000004', name: 'ADIL 93', kind: 'adil' },
  { id: '4b1f7f1e-0000-4000-8000-000000000005', name: 'Étude Martin, commissaires de justice', kind: 'commissaire_de_justice' },
  { id: '4b1f7f1e-0000-4000-8000-000000000006', name: 'CAF de la Seine-Saint-Denis', kind: 'caf' },
];
const idOf = (kind: string) => partners.find((p) => p.kind === kind)!.id;
const by = (purpose: string, kind: (typeof partners)[number]['kind'], stage: (typeof PROCEDURE_STAGES)[number], legal = false) =>
  intent(purpose, kind, stage, { partnerId: idOf(kind), legal });

const cdp = () => [
  by('commandementDePayer', 'commissaire_de_justice', 'commandement_de_payer', true),
  by('lettrePreventionCcapex', 'etat', 'commandement_de_payer', true),
  by('offreServiceSocialCommandement', 'departement', 'commandement_de_payer'),
  by('rappelFinDelaiCommandement', 'bailleur_social', 'commandement_de_payer'),
];
const atCdp = () => new PlanningInputBuilder(pb93).withPartners(...partners).atStage('commandement_de_payer', '2026-11-02T09:00:00.000Z');
const purposesOf = (plan: ContactPlan) => new Set(plan.contacts.flatMap((c) => c.purposes));

describe('a closing event closes the conversation', () => {
  it('debt cleared: every pending non-legal contact goes, with the reason; the moot legal acts are withdrawn with the legal reason', () => {
    const plan = planContacts(
      atCdp()
        .withIntents(...cdp())
        .withEvent({ type: 'debtCleared', at: '2026-11-10T12:00:00.000Z', reportedBy: idOf('bailleur_social') })
        .at('2026-11-10T14:00:00.000Z')
        .build(),
    );
    expect(plan.contacts).toEqual([]);
    const cancelled = plan.trace.filter((t) => t.code === 'suppressedByEvent').map((t) => t.message);
    expect(cancelled).toContain(
      '« Rappel : le délai pour payer se termine bientôt » annulé : la dette est soldée (signalé par Habitat Solidaire 93, le 10 novembre 2026).',
    );
    const withdrawn = plan.trace.filter((t) => t.code === 'legalWithdrawn').map((t) => t.message);
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn.join(' ')).toContain('la clause résolutoire ne joue que si la dette reste impayée (loi n° 89-462, art. 24 I)');
    // Every contact of the earlier plan finds its own reason (the longest key prefix).
    const reasonFor = (key: string) =>
      plan.withdrawals.filter((w) => key.startsWith(w.keyPrefix)).sort((a, b) => b.keyPrefix.length - a.keyPrefix.length)[0]?.reason;
    expect(reasonFor('procedure-1.commandement_de_payer.rappelDelaiCommandement.sms.0')).toContain('la dette est soldée');
    expect(reasonFor('procedure-1.commandement_de_payer.preventionCommandement.letter.0')).toContain('Obligation légale');
  });

  it('a legal act still required stays, and the trace says why', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .withPartners(...partners)
        .atStage('assignation', '2026-11-02T09:00:00.000Z', { hearingDate: '2027-01-20' })
        .withIntents(
          by('assignation', 'commissaire_de_justice', 'assignation', true),
          by('annonceDiagnostic', 'etat', 'assignation', true),
          by('rappelAudience', 'adil', 'assignation'),
        )
        .withEvent({ type: 'debtCleared', at: '2026-11-03T12:00:00.000Z' })
        .at('2026-11-03T14:00:00.000Z')
        .build(),
    );
    expect(purposesOf(plan)).toEqual(new Set(['assignation', 'annonceDiagnostic']));
    expect(plan.contacts.filter((c) => !c.legal)).toEqual([]);
    expect(plan.trace.find((t) => t.code === 'legalKept')?.message).toMatch(/maintenue malgré l'événement : la dette est soldée/);
  });

  it('moved out: the commandement de quitter les lieux is withdrawn; a repayment plan keeps the prevention letter and cancels the rest', () => {
    const cql = planContacts(
      new PlanningInputBuilder(pb93)
        .withPartners(...partners)
        .atStage('commandement_de_quitter_les_lieux', '2026-11-02T09:00:00.000Z')
        .withIntents(
          by('commandementDeQuitterLesLieux', 'commissaire_de_justice', 'commandement_de_quitter_les_lieux', true),
          by('offreRelogement', 'departement', 'commandement_de_quitter_les_lieux'),
        )
        .withEvent({ type: 'movedOut', at: '2026-11-03T12:00:00.000Z' })
        .at('2026-11-03T14:00:00.000Z')
        .build(),
    );
    expect(cql.contacts).toEqual([]);
    expect(cql.trace.find((t) => t.code === 'legalWithdrawn')?.message).toContain('CPCE art. L412-1');

    const plan = planContacts(
      atCdp()
        .withIntents(...cdp())
        .withEvent({ type: 'repaymentPlanAgreed', at: '2026-11-03T12:00:00.000Z' })
        .at('2026-11-03T14:00:00.000Z')
        .build(),
    );
    expect(plan.contacts.every((c) => c.legal)).toBe(true);
    expect(purposesOf(plan)).toEqual(new Set(['commandementDePayer', 'lettrePreventionCcapex']));
  });

  it('a repayment plan that fails: the next stage plans again', () => {
    const plan = planContacts(
      new PlanningInputBuilder(pb93)
        .withPartners(...partners)
        .atStage('assignation', '2027-01-11T09:00:00.000Z', { hearingDate: '2027-03-10' })
        .withIntents(by('rappelAudience', 'adil', 'assignation'))
        .withEvent({ type: 'repaymentPlanAgreed', at: '2026-11-20T12:00:00.000Z' })
        .at('2027-01-11T10:00:00.000Z')
        .build(),
    );
    expect(purposesOf(plan)).toContain('rappelAudience');
  });
});

describe('a returned letter (NPAI) is not a dead end', () => {
  const returned = {
    channel: 'letter' as const,
    purpose: 'rappelImpaye',
    purposes: ['rappelImpaye'],
    stage: 'premier_impaye' as const,
    at: '2026-11-09T09:00:00.000Z',
    outcome: 'npai' as const,
    legal: false,
    key: 'procedure-1.premier_impaye.relanceAmiable.letter.2',
  };
  const base = () =>
    new PlanningInputBuilder(pb93)
      .withPartners(...partners)
      .atStage('premier_impaye', '2026-11-02T09:00:00.000Z')
      .withIntents(by('rappelImpaye', 'bailleur_social', 'premier_impaye'))
      .withHistory(
        {
          channel: 'sms',
          purpose: 'rappelImpaye',
          stage: 'premier_impaye',
          at: '2026-11-02T10:00:00.000Z',
          outcome: 'delivered',
          legal: false,
        },
        {
          channel: 'email',
          purpose: 'rappelImpaye',
          stage: 'premier_impaye',
          at: '2026-11-02T10:00:00.000Z',
          outcome: 'delivered',
          legal: false,
        },
        returned,
      )
      .at('2026-11-12T10:30:00.000Z');

  it("re-plans the returned letter's content on the playbook's next channel, and suggests a visit to the service the playbook names", () => {
    const plan = planContacts(base().build());
    const replacement = plan.contacts.find((c) => c.key === 'procedure-1.premier_impaye.relanceAmiable.sms.2');
    expect(replacement?.purposes).toEqual(['rappelImpaye']);
    expect(replacement?.reasons.join(' ')).toContain("est revenu (n'habite pas à l'adresse indiquée) : son contenu part par SMS");
    const visit = plan.contacts.find((c) => c.channel === 'homeVisit');
    // The landlord leads the reminder; the visit goes to the Département, which the playbook names first.
    expect(visit?.leadPartnerId).toBe(idOf('departement'));
    expect(
      plan.trace.some(
        (t) =>
          t.message ===
          "Courrier revenu (n'habite pas à l'adresse indiquée) : visite à domicile suggérée à Département de la Seine-Saint-Denis.",
      ),
    ).toBe(true);
  });

  it('once the replacement went out, it is not planned again', () => {
    const plan = planContacts(
      base()
        .withHistory({
          ...returned,
          channel: 'sms',
          outcome: 'delivered',
          key: 'procedure-1.premier_impaye.relanceAmiable.sms.2',
          at: '2026-11-12T10:30:00.000Z',
        })
        .at('2026-11-12T11:00:00.000Z')
        .build(),
    );
    expect(plan.contacts.some((c) => c.key === 'procedure-1.premier_impaye.relanceAmiable.sms.2')).toBe(false);
  });

  it('marks the address invalid for every later letter only when the playbook says so', () => {
    const later = by('lettrePreventionCcapex', 'etat', 'commandement_de_payer', true);
    const history = { ...returned, stage: 'premier_impaye' as const };
    const marking = planContacts(atCdp().withIntents(later).withHistory(history).build());
    expect(marking.trace.some((t) => t.code === 'escalationNpai')).toBe(true);
    const lenient = { ...pb93, escalation: { ...pb93.escalation, npai: { ...pb93.escalation.npai, markAddressInvalid: false } } };
    const notMarking = planContacts(
      new PlanningInputBuilder(lenient)
        .withPartners(...partners)
        .atStage('commandement_de_payer', '2026-11-02T09:00:00.000Z')
        .withIntents(later)
        .withHistory(history)
        .build(),
    );
    expect(notMarking.trace.some((t) => t.code === 'escalationNpai')).toBe(false);
  });
});

describe('legal delays count from the legal event’s own date', () => {
  it('a commandement served on 2 November and reported on 1 December still ends its 6 weeks on 14 December', () => {
    const plan = planContacts(
      atCdp()
        .withProcedure({ stageEventOn: '2026-11-02', stageEnteredAt: '2026-12-01T10:00:00.000Z', leaseSignedOn: '2024-01-15' })
        .withIntents(...cdp())
        .at('2026-12-01T10:00:00.000Z')
        .build(),
    );
    const prevention = plan.contacts.find((c) => c.purpose === 'lettrePreventionCcapex' && c.channel === 'letter')!;
    expect(prevention.window.notAfter?.slice(0, 10)).toBe('2026-12-14');
    // The reminder "10 days before the deadline" is due on 4 December, not on 2 January.
    expect(
      plan.contacts.find((c) => c.purpose === 'rappelFinDelaiCommandement' && c.channel === 'sms')?.window.notBefore.slice(0, 10),
    ).toBe('2026-12-04');
    // Unisson's own sequence starts when it learned of the act: the letter goes 3 days after the report.
    expect(prevention.window.notBefore.slice(0, 10)).toBe('2026-12-04');
  });
});

describe('legal intents of a later stage are never planned early', () => {
  it('an assignation posted while the commandement delay runs waits for its stage', () => {
    const early = by('assignation', 'commissaire_de_justice', 'assignation', true);
    const plan = planContacts(
      atCdp()
        .withIntents(...cdp(), early)
        .build(),
    );
    expect(plan.contacts.some((c) => c.absorbedIntentIds.includes(early.id))).toBe(false);
    expect(plan.trace.find((t) => t.code === 'legalHeldForStage')?.message).toBe(
      "Obligation légale « Assignation devant le juge (acte du commissaire de justice) » de l'étape « assignation » : planifiée quand le dossier y arrivera (il est à l'étape « commandement de payer »).",
    );
  });
});

describe('the CAF regimes decide whether the benefit decision is due', () => {
  const decision = () => by('decisionAideLogement', 'caf', 'signalement_caf', true);
  const atCaf = (debtCents: number, now: string) =>
    planContacts(
      new PlanningInputBuilder(pb93)
        .withPartners(...partners)
        .atStage('signalement_caf', '2026-12-01T09:00:00.000Z')
        .withProcedure({ arrears: { debtCents, monthlyRentCents: 60_000, firstUnpaidOn: '2026-11-05', housingBenefit: true } })
        .withIntents(decision())
        .at(now)
        .build(),
    );
  it('500 € of debt on a 600 € rent: not constituted in December 2026 (two months of rent), constituted from 1 January 2027 (over 450 €)', () => {
    const december = atCaf(50_000, '2026-12-02T10:00:00.000Z');
    expect(december.contacts).toEqual([]);
    expect(december.trace.find((t) => t.code === 'legalWithdrawn')?.message).toContain('inférieure à 2 mois de loyer (1200 €)');
    const january = atCaf(50_000, '2027-01-04T10:00:00.000Z');
    expect(january.contacts.some((c) => c.purpose === 'decisionAideLogement' && c.legal)).toBe(true);
  });
});

describe('messages no playbook had', () => {
  it('the winter truce defers the eviction: the household is told what the truce means, and emergency help waits for its end', () => {
    const atEviction = (now: string) =>
      planContacts(
        new PlanningInputBuilder(pb93)
          .withPartners(...partners)
          .atStage('expulsion', now)
          .withIntents(by('informationTreveHivernale', 'etat', 'expulsion'), by('hebergementUrgence', 'departement', 'expulsion'))
          .at(now)
          .build(),
      );
    const december = atEviction('2026-12-07T09:00:00.000Z');
    expect(december.contacts.filter((c) => c.purpose === 'informationTreveHivernale').map((c) => c.channel)).toEqual(
      expect.arrayContaining(['letter', 'sms']),
    );
    expect(december.trace.some((t) => t.message.includes('repoussé au 1er avril 2027, à la fin de la trêve'))).toBe(true);
    const may = atEviction('2027-05-10T09:00:00.000Z');
    expect(may.contacts.some((c) => c.purpose === 'informationTreveHivernale')).toBe(false);
    expect(may.trace.find((t) => t.code === 'suppressedCondition')?.message).toContain('hors trêve hivernale');
  });

  it('the CAF speaks at the commandement stage to its recipients, inside the State letter', () => {
    const caf = by('accompagnementCafCommandement', 'caf', 'commandement_de_payer');
    const recipient = planContacts(
      atCdp()
        .withProcedure({ arrears: { debtCents: 120_000, monthlyRentCents: 60_000, firstUnpaidOn: '2026-09-05', housingBenefit: true } })
        .withIntents(...cdp(), caf)
        .build(),
    );
    expect(recipient.contacts.some((c) => c.purpose === 'accompagnementCafCommandement' && c.channel === 'sms')).toBe(true);
    const stateLetter = recipient.contacts.find((c) => c.channel === 'letter' && c.legal)!;
    expect(stateLetter.purposes).toContain('accompagnementCafCommandement');
    const other = planContacts(
      atCdp()
        .withIntents(...cdp(), caf)
        .build(),
    );
    expect(other.contacts.some((c) => c.purposes.includes('accompagnementCafCommandement'))).toBe(false);
  });
});

describe('everywhere in France', () => {
  it.each(DEPARTEMENTS.map((d) => [d]))('%s has a playbook and a first alert gets a coordinated plan', (territory) => {
    const playbook = catalog.forTerritory(territory, '2026-12-01');
    const postalCode = territory === '2A' ? '20000' : territory === '2B' ? '20200' : territory.padEnd(5, '0');
    const plan = planContacts(
      new PlanningInputBuilder(playbook)
        .withHousehold({ postalCode })
        .atStage('premier_impaye', '2026-12-01T09:00:00.000Z')
        .withIntents(intent('rappelImpaye', 'bailleur_prive', 'premier_impaye'))
        .at('2026-12-01T09:00:00.000Z')
        .build(),
    );
    expect(plan.contacts.length).toBeGreaterThan(0);
    expect(plan.territory).toBe(territory);
  });

  it('overseas: contact hours are the household’s own (Réunion at 10:00 is 06:00 UTC)', () => {
    const plan = planContacts(
      new PlanningInputBuilder(catalog.forTerritory('974', '2026-12-01'))
        .withHousehold({ postalCode: '97400' })
        .atStage('premier_impaye', '2026-12-01T03:00:00.000Z')
        .withIntents(intent('rappelImpaye', 'bailleur_social', 'premier_impaye'))
        .at('2026-12-01T03:00:00.000Z')
        .build(),
    );
    expect(plan.timeZone).toBe('Indian/Reunion');
    expect(plan.contacts.find((c) => c.channel === 'sms')?.window.notBefore).toBe('2026-12-01T06:00:00.000Z');
  });

  it('a local playbook overrides the national one stage by stage only', () => {
    const national = catalog.forTerritory('75', '2026-12-01');
    const essonne = catalog.forTerritory('91', '2026-12-01');
    const stage = (p: typeof national, s: string) => JSON.stringify(p.purposes.filter((x) => x.stage === s));
    expect(stage(essonne, 'assignation')).not.toBe(stage(national, 'assignation'));
    for (const s of PROCEDURE_STAGES.filter((x) => x !== 'assignation')) expect(stage(essonne, s)).toBe(stage(national, s));
    expect(catalog.forTerritory('38', '2026-12-01').caps.perChannel.sms).toBe(3);
    expect(national.caps.perChannel.sms).toBe(4);
  });
});

describe('the reason trace is readable by the people who use it', () => {
  const codes = [
    ...pb93.purposes.map((p) => p.id),
    ...pb93.purposes.map((p) => p.mergeGroup),
    ...PROCEDURE_STAGES.filter((s) => s.includes('_')),
    ...HOUSEHOLD_EVENTS,
    ...PARTNER_KINDS.filter((k) => k.includes('_')),
    ...CONTACT_CHANNELS.filter((c) => c !== 'sms' && c !== 'email' && c !== 'letter' && c !== 'call'),
  ].filter((code) => /[A-Z_]/.test(code)); // plain French words (assignation, jugement) are not codes
  const unreadable = (text: string): string[] => {
    const found: string[] = [];
    if (/[0-9a-f]{8}-[0-9a-f]{4}-/.test(text)) found.push('UUID');
    if (/\d{4}-\d{2}-\d{2}/.test(text)) found.push('ISO date');
    for (const code of codes) if (new RegExp(`\\b${code}\\b`).test(text)) found.push(code);
    return found;
  };

  it('names partners, stages and dates in French in every message of varied plans', () => {
    const plans = [
      planContacts(
        atCdp()
          .withIntents(...cdp(), by('assignation', 'commissaire_de_justice', 'assignation', true))
          .build(),
      ),
      planContacts(
        atCdp()
          .withIntents(...cdp())
          .withEvent({ type: 'debtCleared', at: '2026-11-02T10:00:00.000Z', reportedBy: idOf('bailleur_social') })
          .at('2026-11-02T11:00:00.000Z')
          .build(),
      ),
      planContacts(
        atCdp()
          .withIntents(...cdp())
          .withOptOut({ channel: 'sms', partnerId: null, at: '2026-11-01T00:00:00.000Z' })
          .withHousehold({ postalAddressValid: false })
          .build(),
      ),
      planContacts(
        new PlanningInputBuilder(pb93)
          .withPartners(...partners)
          .atStage('expulsion', '2026-12-07T09:00:00.000Z')
          .withIntents(by('hebergementUrgence', 'departement', 'expulsion'), intent('inconnu', 'ccas', 'expulsion'))
          .at('2026-12-07T09:00:00.000Z')
          .build(),
      ),
    ];
    const texts = plans.flatMap((p) => [
      ...p.trace.map((t) => t.message),
      ...p.contacts.flatMap((c) => c.reasons),
      ...p.withdrawals.map((w) => w.reason),
    ]);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect({ text, unreadable: unreadable(text) }).toEqual({ text, unreadable: [] });
    expect(texts.some((t) => t.includes('Préfecture de la Seine-Saint-Denis'))).toBe(true);
    expect(texts.some((t) => /le 1er avril 2027|au 1er avril 2027/.test(t))).toBe(true);
  });
});

describe('a contact the case moved past is named for what it was, with the stage the case is at', () => {
  it('two purposes merged into one message: each contact of the earlier plan keeps the reason of its own purpose', () => {
    const atFirstArrears = () =>
      new PlanningInputBuilder(pb93).withPartners(...partners).withIntents(
        // The landlord's proposal comes first in the intents; the ADIL's information, asked earlier, leads the merged message.
        intent('offreTravailleurSocialBailleur', 'bailleur_social', 'premier_impaye', { partnerId: idOf('bailleur_social') }),
        intent('informationSosLoyersImpayes', 'adil', 'premier_impaye', { partnerId: idOf('adil'), createdAt: '2026-11-01T08:00:00.000Z' }),
      );
    const before = planContacts(
      atFirstArrears().atStage('premier_impaye', '2026-11-02T09:00:00.000Z').at('2026-11-03T09:00:00.000Z').build(),
    );
    const email = before.contacts.find((c) => c.channel === 'email')!;
    expect(email.purpose).toBe('informationSosLoyersImpayes');

    const after = planContacts(
      atFirstArrears().atStage('commandement_de_payer', '2026-11-20T09:00:00.000Z').at('2026-11-21T09:00:00.000Z').build(),
    );
    expect(after.contacts.find((c) => c.key === email.key)).toBeUndefined();
    expect(withdrawalReasonFor(after.withdrawals, email.key, email.purpose)).toBe(
      "« Information SOS loyers impayés, FSL et ADIL » n'est plus prévu : le dossier est passé de l'étape « premier impayé » à l'étape « commandement de payer ».",
    );
  });
});
