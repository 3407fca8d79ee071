/**
 * Turns partners' intents into message groups: intents whose purposes share a merge group become
 * one co-signed message led by the partner the playbook names; contradictory call-back numbers
 * resolve to the lead partner's.
 */
import type { Playbook, PurposeDefinition } from './playbook.schema';
import type { ProcedureStage } from '@unisson/vocabulary';
import type { ContactIntent, TraceEntry } from './types';

export interface MessageGroup {
  id: string;
  stage: ProcedureStage;
  legal: boolean;
  /** Purpose whose channel sequence the message follows (the legal one when there is one). */
  primary: PurposeDefinition;
  purposes: string[];
  intents: ContactIntent[];
  leadPartnerId: string;
  coSigningPartnerIds: string[];
  callbackPhone: string | null;
}

/** A legal intent whose purpose the playbook does not know still gets a plain letter. */
export function fallbackLegalPurpose(intent: ContactIntent): PurposeDefinition {
  return {
    id: intent.purpose,
    label: 'obligation légale déclarée par le partenaire',
    stage: intent.stage,
    legal: true,
    legalBasis: 'déclarée légale par le partenaire',
    leadPartnerKinds: [{ kind: intent.partnerKind }],
    mergeGroup: `legal-${intent.purpose}`,
    sequence: [{ channel: 'letter', anchor: 'stageEnteredAt', offset: { amount: 0, unit: 'days' }, onlyIfNoResponse: false }],
    deferDuringWinterTruce: false,
    requires: [],
    addressee: 'household',
    withdrawnBy: [],
  };
}

function leadKindsAt(purpose: PurposeDefinition, today: string): string[] {
  return purpose.leadPartnerKinds
    .filter((l) => (!l.appliesFrom || today >= l.appliesFrom) && (!l.appliesUntil || today <= l.appliesUntil))
    .map((l) => l.kind);
}

function byCreation(a: ContactIntent, b: ContactIntent): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.partnerId !== b.partnerId) return a.partnerId < b.partnerId ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function chooseLead(intents: ContactIntent[], primary: PurposeDefinition, today: string): ContactIntent {
  const kinds = leadKindsAt(primary, today);
  for (const kind of kinds) {
    const match = intents.find((i) => i.partnerKind === kind && i.purpose === primary.id);
    if (match) return match;
  }
  for (const kind of kinds) {
    const match = intents.find((i) => i.partnerKind === kind);
    if (match) return match;
  }
  return intents.find((i) => i.purpose === primary.id) ?? intents[0];
}

/** "A", "A et B", "A, B et C". */
function frenchList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}

function buildGroup(
  id: string,
  intents: ContactIntent[],
  purposeOf: (intent: ContactIntent) => PurposeDefinition,
  today: string,
  trace: TraceEntry[],
  nameOf: (partnerId: string) => string,
): MessageGroup {
  intents.sort(byCreation);
  const definitions = intents.map(purposeOf);
  const legalIndex = definitions.findIndex((d, i) => d.legal || intents[i].legal);
  const primary = legalIndex >= 0 ? { ...definitions[legalIndex], legal: true } : definitions[0];
  const lead = chooseLead(intents, primary, today);
  const partners = [...new Set(intents.map((i) => i.partnerId))];
  const coSigning = partners.filter((p) => p !== lead.partnerId).sort();
  const phones = [...new Set(intents.map((i) => i.callbackPhone).filter((p): p is string => !!p))];
  const callbackPhone = lead.callbackPhone ?? phones[0] ?? null;
  const ids = intents.map((i) => i.id);
  if (intents.length > 1) {
    trace.push({
      code: 'merged',
      message: `${intents.length} demandes fusionnées en un seul message « ${primary.label} », signé par ${frenchList(partners.map(nameOf))}.`,
      intentIds: ids,
      contactKey: null,
    });
  }
  if (phones.length > 1) {
    trace.push({
      code: 'contradictionResolved',
      message: `${phones.length} numéros différents pour « ${primary.label} » : seul celui de ${nameOf(lead.partnerId)} (chef de file) est donné.`,
      intentIds: ids,
      contactKey: null,
    });
  }
  return {
    id,
    stage: primary.stage,
    legal: legalIndex >= 0,
    primary,
    purposes: [...new Set(intents.map((i) => i.purpose))],
    intents,
    leadPartnerId: lead.partnerId,
    coSigningPartnerIds: coSigning,
    callbackPhone,
  };
}

const groupOrders = new WeakMap<Playbook, Map<string, number>>();

function groupOrderOf(playbook: Playbook): Map<string, number> {
  let order = groupOrders.get(playbook);
  if (!order) {
    order = new Map();
    playbook.purposes.forEach((p, i) => {
      if (!order?.has(p.mergeGroup)) order?.set(p.mergeGroup, i);
    });
    groupOrders.set(playbook, order);
  }
  return order;
}

/**
 * Groups the intents that survived filtering. Legal intents of different purposes never share a
 * group unless the playbook puts their purposes in one merge group.
 */
export function groupIntents(
  intents: readonly ContactIntent[],
  playbook: Playbook,
  purposes: ReadonlyMap<string, PurposeDefinition>,
  today: string,
  trace: TraceEntry[],
  nameOf: (partnerId: string) => string,
): MessageGroup[] {
  const buckets = new Map<string, ContactIntent[]>();
  const purposeOf = (intent: ContactIntent): PurposeDefinition => purposes.get(intent.purpose) ?? fallbackLegalPurpose(intent);
  for (const intent of intents) {
    const definition = purposeOf(intent);
    const key = `${definition.stage}.${definition.mergeGroup}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(intent);
    else buckets.set(key, [intent]);
  }
  const order = groupOrderOf(playbook);
  return [...buckets.entries()]
    .map(([key, bucket]) => buildGroup(key, bucket, purposeOf, today, trace, nameOf))
    .sort((a, b) => {
      if (a.legal !== b.legal) return a.legal ? -1 : 1;
      const oa = order.get(a.primary.mergeGroup) ?? 999;
      const ob = order.get(b.primary.mergeGroup) ?? 999;
      return oa !== ob ? oa - ob : a.id < b.id ? -1 : 1;
    });
}
