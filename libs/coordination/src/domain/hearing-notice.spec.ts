/** A summons whose hearing comes sooner than the préfet's 6 weeks' notice: planned, and the plan says so. */
import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { PlanningInputBuilder, intent } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';

const pb = PlaybookCatalog.load().forTerritory('93', '2026-12-01');

function planFor(hearingDate: string, stage: 'assignation' | 'audience' = 'assignation') {
  return planContacts(
    new PlanningInputBuilder(pb)
      .atStage(stage, '2026-12-01T09:00:00.000Z', { hearingDate })
      .withIntents(intent('annonceDiagnostic', 'etat', 'assignation', { legal: true }), intent('rappelAudience', 'adil', 'assignation'))
      .at('2026-12-02T10:00:00.000Z')
      .build(),
  );
}
const noteOf = (plan: ReturnType<typeof planFor>) => plan.trace.find((t) => t.code === 'shortHearingNotice')?.message;

describe('a hearing sooner after the summons than the notice to the préfet', () => {
  it('5 weeks after the summons: planned, and the trace says the delay is short and who decides', () => {
    const plan = planFor('2027-01-05T09:00:00+01:00');
    expect(noteOf(plan)).toBe(
      'L’audience du 5 janvier 2027 a lieu moins de 6 semaines après l’assignation du 1er décembre 2026, délai de notification ' +
        'de l’assignation au préfet avant l’audience (Loi n° 2023-668 du 27 juillet 2023, art. 10 ; loi n° 89-462, art. 24 III) : ' +
        'c’est au juge d’en tirer les conséquences. Le plan garde les actes légaux ; les rappels qui ne peuvent plus partir avant l’audience sont écartés.',
    );
    expect(plan.contacts.some((c) => c.legal)).toBe(true);
  });

  it.each([
    ['exactly 6 weeks after', '2027-01-12T09:00:00+01:00'],
    ['three months after', '2027-03-10T09:00:00+01:00'],
  ])('%s: nothing to say', (_what, hearingDate) => {
    expect(noteOf(planFor(hearingDate))).toBeUndefined();
  });

  it('only at the summons stage (a hearing held is no summons)', () => {
    expect(noteOf(planFor('2026-12-01T09:00:00+01:00', 'audience'))).toBeUndefined();
  });
});
