import fc from 'fast-check';
import { DateTime } from 'luxon';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { publicHolidays } from './calendar';
import { planContacts } from './contact-planner';
import type { PlanningInput } from './planning-context';
import { ContactIntent, HOUSEHOLD_EVENTS, PARTNER_KINDS } from './types';
import { CONTACT_CHANNELS, HOUSEHOLD_CHOSEN_CHANNELS, PROCEDURE_STAGES, departementOfPostalCode } from '@unisson/vocabulary';

const catalog = PlaybookCatalog.load();
/** The three local playbooks, the national rules in Paris, Alsace (67) and overseas (974). */
const playbooks = ['93', '38', '91', '75', '67', '974'].map((t) => catalog.forTerritory(t, '2026-11-02'));
const instant = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());

const inputArbitrary: fc.Arbitrary<PlanningInput> = fc
  .record({
    playbookIndex: fc.nat({ max: playbooks.length - 1 }),
    stage: fc.constantFrom(...PROCEDURE_STAGES),
    now: instant,
    stageOffsetDays: fc.integer({ min: -90, max: 0 }),
    hearingInDays: fc.option(fc.integer({ min: -10, max: 90 })),
    postalCode: fc.constantFrom('93200', '38000', '91000', '67000', '57000', '75011', '97110', '97200', '97400', '97600', '97300'),
    hasMobilePhone: fc.boolean(),
    hasEmail: fc.boolean(),
    postalAddressValid: fc.boolean(),
    readsWithDifficulty: fc.boolean(),
    preferredChannel: fc.option(fc.constantFrom(...HOUSEHOLD_CHOSEN_CHANNELS)),
    lease: fc.option(fc.constantFrom('2019-03-01', '2023-07-28', '2023-07-29', '2025-02-01')),
    intents: fc.array(
      fc.record({
        purposeIndex: fc.nat({ max: 60 }),
        partnerKind: fc.constantFrom(...PARTNER_KINDS),
        phone: fc.option(fc.constantFrom('+33100000001', '+33100000002')),
        ownStage: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    history: fc.array(
      fc.record({
        channel: fc.constantFrom(...CONTACT_CHANNELS),
        daysAgo: fc.integer({ min: 0, max: 60 }),
        outcome: fc.constantFrom('sent', 'delivered', 'undelivered', 'npai', 'responded', 'refused' as const),
      }),
      { maxLength: 6 },
    ),
    optOuts: fc.subarray(['sms', 'email', 'call', 'letter'] as const),
    events: fc.subarray([...HOUSEHOLD_EVENTS]),
  })
  .map((r): PlanningInput => {
    const playbook = playbooks[r.playbookIndex];
    const nowMs = Date.parse(r.now);
    const day = 86_400_000;
    const intents: ContactIntent[] = r.intents.map((i, n) => {
      const purpose = playbook.purposes[i.purposeIndex % playbook.purposes.length];
      return {
        id: `i${n}`,
        partnerId: `p-${i.partnerKind}`,
        partnerKind: i.partnerKind,
        stage: i.ownStage ? purpose.stage : r.stage,
        purpose: purpose.id,
        legal: purpose.legal,
        deadline: null,
        callbackPhone: i.phone,
        createdAt: new Date(nowMs - n * 1000).toISOString(),
      };
    });
    return {
      playbook,
      household: {
        id: 'h',
        postalCode: r.postalCode,
        hasMobilePhone: r.hasMobilePhone,
        hasEmail: r.hasEmail,
        postalAddressValid: r.postalAddressValid,
        hasPhone: r.hasMobilePhone,
        readsWithDifficulty: r.readsWithDifficulty,
        preferredChannel: r.preferredChannel,
      },
      procedure: {
        id: 'p',
        stage: r.stage,
        stageEnteredAt: new Date(nowMs + r.stageOffsetDays * day).toISOString(),
        stageEventOn: new Date(nowMs + r.stageOffsetDays * day).toISOString().slice(0, 10),
        arrears: { debtCents: 90_000, monthlyRentCents: 45_000, firstUnpaidOn: '2024-01-05', housingBenefit: true },
        closedOn: null,
        landlordKind: 'prive',
        leaseSignedOn: r.lease,
        dates: r.hearingInDays === null ? {} : { hearingDate: new Date(nowMs + r.hearingInDays * day).toISOString() },
      },
      intents,
      history: r.history.map((h) => ({
        channel: h.channel,
        purpose: 'autre',
        stage: r.stage,
        at: new Date(nowMs - h.daysAgo * day).toISOString(),
        outcome: h.outcome,
        legal: false,
      })),
      optOuts: r.optOuts.map((channel) => ({ channel, partnerId: null, at: r.now })),
      events: r.events.map((type) => ({ type, at: r.now })),
      partners: [],
      now: r.now,
    };
  });

describe('planContacts properties', () => {
  it('a legal intent survives as a legal letter or served act, unless it waits for its stage or is withdrawn with a written legal reason', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const plan = planContacts(input);
        const covered = new Set(plan.contacts.filter((c) => c.legal).flatMap((c) => c.absorbedIntentIds));
        const explained = new Set(
          plan.trace.filter((t) => t.code === 'legalHeldForStage' || t.code === 'legalWithdrawn').flatMap((t) => t.intentIds),
        );
        return input.intents.filter((i) => i.legal).every((i) => covered.has(i.id) !== explained.has(i.id));
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and idempotent: same input (even after a JSON round trip) gives the same plan', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const first = planContacts(input);
        const again = planContacts(JSON.parse(JSON.stringify(input)) as PlanningInput);
        expect(again).toEqual(first);
        expect(new Set(first.contacts.map((c) => c.key)).size).toBe(first.contacts.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never plans an SMS or a call outside the allowed hours, on a Sunday or a public holiday, for any clock', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const plan = planContacts(input);
        const territory = departementOfPostalCode(input.household.postalCode);
        for (const contact of plan.contacts.filter((c) => c.channel === 'sms' || c.channel === 'call')) {
          const local = DateTime.fromISO(contact.window.notBefore, { zone: plan.timeZone });
          const holidays = publicHolidays(local.year, territory).map((h) => h.date);
          const minute = local.hour * 60 + local.minute;
          expect(local.weekday).toBeLessThanOrEqual(5);
          expect(holidays).not.toContain(local.toISODate());
          expect((minute >= 600 && minute < 780) || (minute >= 840 && minute < 1200)).toBe(true);
          expect(Date.parse(contact.window.notBefore)).toBeGreaterThanOrEqual(Date.parse(input.now));
        }
      }),
      { numRuns: 400 },
    );
  });

  /** A household reachable only by post, that chose letters: every written step becomes a letter, so the cap has work to do. */
  const byPostOnly = inputArbitrary.map((input): PlanningInput => ({
    ...input,
    household: {
      ...input.household,
      hasMobilePhone: false,
      hasPhone: false,
      hasEmail: false,
      postalAddressValid: true,
      preferredChannel: 'letter',
    },
  }));
  const householdLettersOf = (input: PlanningInput, plan: ReturnType<typeof planContacts>) =>
    // Letters to the landlord (Essonne) are not the household's: they have their own rules.
    plan.contacts.filter((c) => c.channel === 'letter' && !c.legal && c.stage === input.procedure.stage && c.addressee !== 'landlord');
  const folded = (plan: ReturnType<typeof planContacts>) =>
    plan.trace.some((t) => t.code === 'stageLetterMerged' || t.code === 'suppressedAlreadyDone' || t.code === 'attachedToLegal');

  it("never sends the household more non-legal letters at a stage than its playbook allows, counting the stage's letters already sent", () => {
    let foldedRuns = 0;
    fc.assert(
      fc.property(fc.oneof(inputArbitrary, byPostOnly), (input) => {
        const plan = planContacts(input);
        const stage = input.procedure.stage;
        const alreadySent = input.history.filter((e) => e.channel === 'letter' && e.stage === stage).length;
        const allowed = Math.max(0, input.playbook.caps.nonLegalLettersPerStage - alreadySent);
        expect(householdLettersOf(input, plan).length).toBeLessThanOrEqual(allowed);
        if (folded(plan)) foldedRuns += 1;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: the cap had letters to fold in a good share of the plans.
    expect(foldedRuns).toBeGreaterThan(10);
  });

  it('sends at most one non-legal letter a stage where the playbook says one, even to a household that chose letters', () => {
    let foldedRuns = 0;
    fc.assert(
      fc.property(
        byPostOnly.filter((input) => input.playbook.caps.nonLegalLettersPerStage === 1),
        (input) => {
          const plan = planContacts(input);
          expect(householdLettersOf(input, plan).length).toBeLessThanOrEqual(1);
          if (folded(plan)) foldedRuns += 1;
        },
      ),
      { numRuns: 300 },
    );
    expect(foldedRuns).toBeGreaterThan(10);
  });
});
