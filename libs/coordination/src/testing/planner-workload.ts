/** Generated planning inputs for the planner benchmark: N households x 5 intents at one stage. */
import type { ContactIntent, PlanningInput, Playbook } from '../index';
import { generateHouseholds, procedureAtStage, seededRandom } from '../domain/simulation/household-generator';
import { partnerWishes } from '../domain/simulation/partner-wishes';

export function plannerWorkload(count: number, playbookOf: (territory: string) => Playbook, intentsPerHousehold = 5): PlanningInput[] {
  const rand = seededRandom(99);
  return generateHouseholds(count, 123).map((h) => {
    const stage = h.path[Math.floor(rand() * h.path.length)];
    const playbook = playbookOf(h.territory);
    const wishes = partnerWishes(h, stage.stage, rand);
    const stagePurposes = playbook.purposes.filter((p) => p.stage === stage.stage);
    const intents: ContactIntent[] = [];
    for (let i = 0; i < intentsPerHousehold; i += 1) {
      const wish = wishes[i];
      const purpose = wish ? undefined : stagePurposes[Math.floor(rand() * stagePurposes.length)];
      const kind = wish?.partnerKind ?? purpose?.leadPartnerKinds[0].kind ?? 'departement';
      intents.push({
        id: `${h.id}-i${i}`,
        partnerId: `${kind}-${h.territory}-${i % 3}`,
        partnerKind: kind,
        stage: stage.stage,
        purpose: wish?.purpose ?? purpose?.id ?? 'rappelImpaye',
        legal: wish?.legal ?? purpose?.legal ?? false,
        deadline: null,
        callbackPhone: `+3314000000${i}`,
        createdAt: stage.at,
      });
    }
    return {
      household: {
        id: h.id,
        postalCode: h.postalCode,
        hasMobilePhone: h.hasMobilePhone,
        hasEmail: h.hasEmail,
        postalAddressValid: !h.addressInvalid || rand() < 0.5,
      },
      procedure: procedureAtStage(h, stage),
      intents,
      playbook,
      history: [],
      optOuts: [],
      events: [],
      partners: [],
      now: stage.at,
    };
  });
}
