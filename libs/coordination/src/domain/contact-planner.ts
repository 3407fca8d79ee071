/**
 * The contact planner: (household, procedure, intents, playbook, history, opt-outs, events,
 * clock) -> one explainable contact plan. Pure and deterministic.
 */
import { isoInstant } from './calendar';
import { ContactDraft, channelLabel, contactKeyOf, draftsForGroup, homeVisitSuggestion, isLegalContact } from './contact-drafts';
import { mergeStageLetters, scheduleDrafts } from './contact-scheduling';
import { frenchDate, partnerName, stageLabel } from './french-text';
import { shortHearingNotice } from './hearing-notice';
import { keepIntents } from './intent-filtering';
import { MessageGroup, groupIntents } from './intent-grouping';
import { isLandlordDraft, isLandlordGroup, landlordDraftsForGroup, splitHistory } from './landlord-letters';
import { PlanningContext, PlanningInput, buildContext, purposesOf } from './planning-context';
import type { ContactPlan, PlannedContact } from './types';

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
  const { household, playbook } = ctx.input;
  const signed = signatoriesOf(draft, memo);
  const key = contactKeyOf(ctx, draft.group.id, draft.channel, draft.step);
  const legal = isLegalContact(draft);
  const names = ctx.input.partners;
  const coSigned = signed.coSigning.length ? `, avec ${signed.coSigning.map((id) => partnerName(names, id)).join(', ')}` : '';
  const reasons = [
    `${legal ? 'Obligation légale' : 'Prévu par le playbook'} : « ${draft.group.primary.label} » par ${channelLabel(draft.channel)}` +
      `, signé par ${partnerName(names, signed.lead)}${coSigned}, à partir du ${frenchDate(ctx.calendar.clock.localDay(notBeforeMs))}.`,
    ...draft.reasons,
  ];
  if (signed.phones.length > 1) {
    reasons.push(`Numéros différents entre partenaires : seul celui de ${partnerName(names, signed.lead)} est indiqué.`);
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
    ...(isLandlordDraft(draft) ? { addressee: 'landlord' as const } : {}),
  };
}

/** Plans the contacts of one household at its procedure's current stage. */
export function planContacts(input: PlanningInput): ContactPlan {
  // The household's plan never sees the letters sent to its landlord (caps, returned mail, stage letters).
  const history = splitHistory(input.history, purposesOf(input.playbook));
  const ctx = buildContext({ ...input, history: history.household });
  const shortNotice = shortHearingNotice(ctx);
  if (shortNotice) ctx.trace.push(shortNotice);
  const intents = keepIntents(ctx);
  const nameOf = (id: string) => partnerName(input.partners, id);
  const groups = groupIntents(intents, input.playbook, ctx.purposes, ctx.today, ctx.trace, nameOf);
  const householdGroups = groups.filter((group) => !isLandlordGroup(group));
  let drafts = householdGroups.flatMap((group) => draftsForGroup(ctx, group));
  const visit = homeVisitSuggestion(ctx, householdGroups);
  if (visit) drafts.push(visit);
  drafts = mergeStageLetters(ctx, drafts);
  for (const group of groups.filter(isLandlordGroup)) drafts.push(...landlordDraftsForGroup(ctx, group, history.landlord));
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
    withdrawals: [
      ...ctx.withdrawals,
      {
        keyPrefix: `${input.procedure.id}.`,
        reason: `Plus prévu par le plan du ${frenchDate(ctx.today)} (étape « ${stageLabel(input.procedure.stage)} »).`,
      },
    ],
  };
}

/** The planner as a named domain object, for callers that prefer injection. */
export class ContactPlanner {
  plan(input: PlanningInput): ContactPlan {
    return planContacts(input);
  }
}
