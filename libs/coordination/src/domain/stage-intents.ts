/**
 * The intents a stage event creates: for each purpose the playbook prescribes at the stage, one
 * intent from the territory's partner of the lead kind in force that day (if the territory has one).
 */
import type { Playbook } from './playbook.schema';
import type { ContactIntent, PartnerKind } from './types';
import { type ProcedureStage } from '@unisson/vocabulary';

export interface TerritoryPartner {
  id: string;
  kind: PartnerKind;
  publicPhone: string | null;
}

export function intentsForStageEvent(
  playbook: Playbook,
  stage: ProcedureStage,
  partners: readonly TerritoryPartner[],
  event: { id: string; occurredAt: string },
): ContactIntent[] {
  const day = event.occurredAt.slice(0, 10);
  const intents: ContactIntent[] = [];
  for (const purpose of playbook.purposes) {
    if (purpose.stage !== stage) continue;
    const leads = purpose.leadPartnerKinds.filter(
      (l) => (!l.appliesFrom || day >= l.appliesFrom) && (!l.appliesUntil || day <= l.appliesUntil),
    );
    const partner = leads.map((l) => partners.find((p) => p.kind === l.kind)).find((p) => p !== undefined);
    if (!partner) continue;
    intents.push({
      id: `${event.id}.${purpose.id}`,
      partnerId: partner.id,
      partnerKind: partner.kind,
      stage,
      purpose: purpose.id,
      legal: purpose.legal,
      deadline: null,
      callbackPhone: partner.publicPhone,
      createdAt: event.occurredAt,
    });
  }
  return intents;
}
