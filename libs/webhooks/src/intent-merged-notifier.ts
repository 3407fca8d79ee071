import { Injectable } from '@nestjs/common';
import type { ContactPlan, PlanObserver } from '@unisson/coordination';
import { mergedIntentIds } from './domain/partner-event';
import { PartnerNotifier } from './partner-notifier';

/** Tells a partner, once per intent, that the engine merged its intent with other partners' into one message. */
@Injectable()
export class IntentMergedNotifier implements PlanObserver {
  constructor(private readonly notifier: PartnerNotifier) {}

  async planApplied(plan: ContactPlan, intentPartners: ReadonlyMap<string, string>): Promise<void> {
    const merged = mergedIntentIds(plan.trace);
    for (const [intentId, how] of merged) {
      const partnerId = intentPartners.get(intentId);
      if (!partnerId || !(await this.notifier.isListening(partnerId))) continue;
      const contact = plan.contacts.find((c) => c.absorbedIntentIds.includes(intentId));
      await this.notifier.notifyPartner({
        type: 'intent.merged',
        eventId: `intent-merged:${intentId}`,
        householdId: plan.householdId,
        partnerIds: [partnerId],
        occurredAt: plan.plannedAt,
        facts: {
          intentId,
          stage: plan.stage,
          how,
          purposes: contact?.purposes ?? [],
          ledByYou: contact ? contact.leadPartnerId === partnerId : false,
          coSigners: contact ? contact.coSigningPartnerIds.length + 1 : 1,
        },
      });
    }
  }
}
