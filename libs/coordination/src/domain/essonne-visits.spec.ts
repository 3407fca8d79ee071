import { PlaybookCatalog } from '../playbooks/playbook-catalog';
import { intent, PlanningInputBuilder } from '../testing/planning-input.builder';
import { planContacts } from './contact-planner';

const DAY = 86_400_000;

describe('the Essonne mobile team’s sequence (first letter, unannounced visit, second visit, reminder 15 days later)', () => {
  const essonne = PlaybookCatalog.load().forTerritory('91', '2027-01-06');

  it('plans a letter, then two home visits a week apart, then a reminder letter 15 days after the second visit', () => {
    const plan = planContacts(
      new PlanningInputBuilder(essonne)
        .withHousehold({ postalCode: '91000', hasMobilePhone: false, hasEmail: false })
        .withPartners({ id: 'partner-equipe_mobile', name: 'Équipe mobile de l’Essonne', kind: 'equipe_mobile' })
        // A Wednesday: the letter, both visits and the reminder all fall on working days (no deferral).
        .atStage('assignation', '2027-01-06T09:00:00.000Z', { hearingDate: '2027-03-15T09:00:00.000Z' })
        .withIntents(intent('allerVersEquipeMobile', 'equipe_mobile', 'assignation'))
        .at('2027-01-06T09:00:00.000Z')
        .build(),
    );
    const sequence = plan.contacts
      .filter((c) => c.purposes.includes('allerVersEquipeMobile'))
      .sort((a, b) => Date.parse(a.window.notBefore) - Date.parse(b.window.notBefore));
    expect(sequence.map((c) => c.channel)).toEqual(['letter', 'homeVisit', 'homeVisit', 'letter']);
    const [letter, firstVisit, secondVisit, reminder] = sequence.map((c) => Date.parse(c.window.notBefore));
    expect(firstVisit).toBeGreaterThan(letter);
    expect(Math.round((secondVisit - firstVisit) / DAY)).toBe(7);
    expect(Math.round((reminder - secondVisit) / DAY)).toBe(15);
    // Visits and the reminder only if the household has not answered the first letter.
    expect(sequence.slice(1).every((c) => c.onlyIfNoResponse)).toBe(true);
    expect(sequence[0].onlyIfNoResponse).toBe(false);
  });

  it('sends the mobile team’s tasks to the mobile team', () => {
    const rule = essonne.taskRouting.rules[0];
    expect(rule).toMatchObject({ id: 'equipeMobileAllerVers', teamKinds: ['equipe_mobile', 'adil'] });
    expect(rule.when.purposes).toEqual(['allerVersEquipeMobile']);
  });
});
