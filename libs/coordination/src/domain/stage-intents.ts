/**
 * The intents a stage event creates: for each purpose the playbook prescribes at the stage, one
 * intent signed by a partner of the lead kind in force that day. The signer is the partner that
 * holds the household's record: the reporting partner first, then the other record holders; a
 * landlord or a commissaire de justice never signs for a household it does not hold (a private
 * landlord's tenant never gets a reminder signed by an unrelated social landlord). Institutions
 * (CAF, State, Département, ADIL…) sign for their territory.
 */
import type { ProcedureStage } from '@unisson/vocabulary';
import type { Playbook } from './playbook.schema';
import type { ContactIntent, PartnerKind } from './types';

export interface TerritoryPartner {
  id: string;
  kind: PartnerKind;
  publicPhone: string | null;
}

/** Who is behind the event: the partner that reported it and those holding a record of the household. */
export interface StageEventParties {
  reportingPartnerId: string;
  recordHolderIds: readonly string[];
}

/** Kinds that only ever speak for the households they hold a record of. */
const RECORD_BOUND_KINDS: readonly PartnerKind[] = ['bailleur_social', 'bailleur_prive', 'commissaire_de_justice'];

function signerOf(kind: PartnerKind, partners: readonly TerritoryPartner[], parties: StageEventParties): TerritoryPartner | undefined {
  const ofKind = partners.filter((p) => p.kind === kind);
  return (
    ofKind.find((p) => p.id === parties.reportingPartnerId) ??
    ofKind.find((p) => parties.recordHolderIds.includes(p.id)) ??
    (RECORD_BOUND_KINDS.includes(kind) ? undefined : ofKind[0])
  );
}

export function intentsForStageEvent(
  playbook: Playbook,
  stage: ProcedureStage,
  partners: readonly TerritoryPartner[],
  event: { id: string; occurredAt: string },
  parties: StageEventParties,
): ContactIntent[] {
  const day = event.occurredAt.slice(0, 10);
  const intents: ContactIntent[] = [];
  for (const purpose of playbook.purposes) {
    if (purpose.stage !== stage) continue;
    const leads = purpose.leadPartnerKinds.filter(
      (l) => (!l.appliesFrom || day >= l.appliesFrom) && (!l.appliesUntil || day <= l.appliesUntil),
    );
    const partner = leads.map((l) => signerOf(l.kind, partners, parties)).find((p) => p !== undefined);
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
