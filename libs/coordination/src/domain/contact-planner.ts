/**
 * The contact planner: (household, procedure, intents, playbook, history, opt-outs, events,
 * clock) -> one explainable contact plan. Pure and deterministic.
 */
import { isoInstant } from './calendar';
import { ContactDraft, channelLabel, draftsForGroup, homeVisitSuggestion, isLegalContact } from './contact-drafts';
import { mergeStageLetters, scheduleDrafts } from './contact-scheduling';
import { MessageGroup, groupIntents } from './intent-grouping';
import { PlanningContext, PlanningInput, buildContext } from './planning-context';
import type { ContactIntent, ContactPlan, PlannedContact, TraceEntry } from './types';

export type { PlanningInput } from './planning-context';

/** FNV-1a, 32 bits: stable across runs and machines. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function cancellations(ctx: PlanningContext): { all: boolean; groups: Set<string>; events: string[] } {
  const { playbook, events } = ctx.input;
  const result = { all: false, groups: new Set<string>(), events: [] as string[] };
  for (const event of events) {
    if (Date.parse(event.at) > ctx.nowMs) continue;
    for (const rule of playbook.cancellingEvents) {
      if (rule.event !== event.type) continue;
      result.events.push(event.type);
      if (rule.cancels === 'allNonLegal') result.all = true;
      else rule.cancels.forEach((g) => result.groups.add(g));
    }
  }
  return result;
}

function keepIntents(ctx: PlanningContext): ContactIntent[] {
  const { procedure, intents } = ctx.input;
  const cancelled = cancellations(ctx);
  const kept: ContactIntent[] = [];
  const drop = (intent: ContactIntent, code: TraceEntry['code'], message: string): void => {
    ctx.trace.push({ code, message, intentIds: [intent.id], contactKey: null });
  };
  for (const intent of intents) {
    const definition = ctx.purposes.get(intent.purpose);
    const legal = intent.legal || definition?.legal === true;
    if (legal) {
      if (intent.stage !== procedure.stage || cancelled.all) {
        drop(intent, 'legalKept', `Obligation légale « ${intent.purpose} » : maintenue malgré l'évolution du dossier.`);
      }
      kept.push(definition?.legal && !intent.legal ? { ...intent, legal: true } : intent);
    } else if (!definition) {
      drop(intent, 'suppressedUnknownPurpose', `Objet « ${intent.purpose} » absent du playbook : demande non planifiée.`);
    } else if (intent.stage !== procedure.stage || definition.stage !== procedure.stage) {
      drop(intent, 'suppressedOtherStage', `Demande pour l'étape ${intent.stage}, le dossier est à l'étape ${procedure.stage}.`);
    } else if (cancelled.all || cancelled.groups.has(definition.mergeGroup)) {
      drop(intent, 'suppressedByEvent', `Annulée : événement ${cancelled.events.join(', ')}.`);
    } else {
      kept.push(intent);
    }
  }
  return kept;
}

interface Signatories {
  lead: string;
  coSigning: string[];
  purposes: string[];
  intentIds: string[];
  phones: string[];
}

/** Who signs, which intents and purposes a message carries; memoised per group when nothing was folded in. */
function signatoriesOf(draft: ContactDraft, memo: Map<MessageGroup, Signatories>): Signatories {
  const cached = draft.absorbed.length === 0 ? memo.get(draft.group) : undefined;
  if (cached) return cached;
  const lead = draft.group.leadPartnerId;
  const partners = new Set<string>();
  const purposes = new Set<string>();
  const phones = new Set<string>();
  const intentIds: string[] = [];
  for (const group of [draft.group, ...draft.absorbed]) {
    partners.add(group.leadPartnerId);
    for (const p of group.coSigningPartnerIds) partners.add(p);
    for (const p of group.purposes) purposes.add(p);
    if (group.callbackPhone) phones.add(group.callbackPhone);
    for (const intent of group.intents) intentIds.push(intent.id);
  }
  partners.delete(lead);
  const result = { lead, coSigning: [...partners].sort(), purposes: [...purposes], intentIds, phones: [...phones] };
  if (draft.absorbed.length === 0) memo.set(draft.group, result);
  return result;
}

function contactOf(ctx: PlanningContext, draft: ContactDraft, notBeforeMs: number, memo: Map<MessageGroup, Signatories>): PlannedContact {
  const { household, procedure, playbook } = ctx.input;
  const signed = signatoriesOf(draft, memo);
  const key = `${procedure.id}.${draft.group.id}.${draft.channel}.${draft.step}`;
  const legal = isLegalContact(draft);
  const reasons = [
    `${legal ? 'Obligation légale' : 'Prévu par le playbook'} : « ${draft.group.primary.label} » par ${channelLabel(draft.channel)}` +
      ` (${signed.intentIds.length} demande(s), ${signed.coSigning.length + 1} signataire(s)).`,
    ...draft.reasons,
  ];
  if (signed.phones.length > 1) {
    reasons.push('Numéros différents entre partenaires : seul le numéro du chef de file est indiqué.');
    ctx.trace.push({ code: 'contradictionResolved', message: reasons[reasons.length - 1], intentIds: signed.intentIds, contactKey: key });
  }
  // The contact's own `reasons` say why it exists; the plan trace keeps one line per contact.
  ctx.trace.push({ code: 'planned', message: reasons[0], intentIds: [], contactKey: key });
  return {
    key,
    channel: draft.channel,
    purpose: draft.group.primary.id,
    purposes: signed.purposes,
    legal,
    stage: draft.group.stage,
    step: draft.step,
    onlyIfNoResponse: draft.onlyIfNoResponse,
    leadPartnerId: signed.lead,
    coSigningPartnerIds: signed.coSigning,
    callbackPhone: draft.group.callbackPhone ?? signed.phones[0] ?? null,
    window: {
      notBefore: isoInstant(notBeforeMs),
      notAfter: draft.notAfterMs === null ? null : isoInstant(Math.max(draft.notAfterMs, notBeforeMs)),
    },
    variantSlot: playbook.variantSlots > 1 ? stableHash(`${household.id}|${draft.group.primary.id}`) % playbook.variantSlots : 0,
    absorbedIntentIds: signed.intentIds,
    reasons,
  };
}

/** Plans the contacts of one household at its procedure's current stage. */
export function planContacts(input: PlanningInput): ContactPlan {
  const ctx = buildContext(input);
  const intents = keepIntents(ctx);
  const groups = groupIntents(intents, input.playbook, ctx.purposes, ctx.today, ctx.trace);
  let drafts = groups.flatMap((group) => draftsForGroup(ctx, group));
  const visit = homeVisitSuggestion(ctx, groups);
  if (visit) drafts.push(visit);
  drafts = mergeStageLetters(ctx, drafts);
  const memo = new Map<MessageGroup, Signatories>();
  const contacts = scheduleDrafts(ctx, drafts)
    .map(({ draft, notBeforeMs }) => ({ notBeforeMs, contact: contactOf(ctx, draft, notBeforeMs, memo) }))
    .sort((a, b) => a.notBeforeMs - b.notBeforeMs || (a.contact.key < b.contact.key ? -1 : 1))
    .map((timed) => timed.contact);
  return {
    householdId: input.household.id,
    procedureId: input.procedure.id,
    stage: input.procedure.stage,
    territory: input.playbook.territory,
    playbookVersion: input.playbook.version,
    timeZone: ctx.timeZone,
    plannedAt: isoInstant(ctx.nowMs),
    contacts,
    trace: ctx.trace,
  };
}

/** The planner as a named domain object, for callers that prefer injection. */
export class ContactPlanner {
  plan(input: PlanningInput): ContactPlan {
    return planContacts(input);
  }
}
