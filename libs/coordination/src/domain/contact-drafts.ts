/**
 * Expands message groups into draft contacts along the playbook's channel sequence, applying
 * what the household's situation rules out: opt-outs, missing channels, returned mail (NPAI),
 * undelivered channels, steps already done and answers already received.
 */
import { CHANNEL_LABELS, type ContactChannel } from '@unisson/vocabulary';
import { partnerKindLabel } from './french-text';
import type { MessageGroup } from './intent-grouping';
import type { ChannelStep } from './playbook.schema';
import { PlanningContext, anchorMs, channelUndelivered, entriesFor, optedOut, timesDone } from './planning-context';
import { shiftInstant } from './send-window';
import { SpokenRole, spokenReason, spokenRole, voiceUsable } from './spoken-messages';
import type { TraceCode } from './types';

export interface ContactDraft {
  group: MessageGroup;
  /** Groups whose message was folded into this one (stage letter, legal letter). */
  absorbed: MessageGroup[];
  channel: ContactChannel;
  step: number;
  targetMs: number;
  notAfterMs: number | null;
  onlyIfNoResponse: boolean;
  reasons: string[];
}

export function channelLabel(channel: ContactChannel): string {
  return CHANNEL_LABELS[channel];
}

/** The deterministic key of a contact: the same situation gives the same key (one row, one job, one hand-off). */
export function contactKeyOf(ctx: PlanningContext, groupId: string, channel: ContactChannel, step: number): string {
  return `${ctx.input.procedure.id}.${groupId}.${channel}.${step}`;
}

/** The legally required part of a legal group: its letter or served act (companion SMS or calls are not). */
export function isLegalContact(draft: ContactDraft): boolean {
  return draft.group.legal && (draft.channel === 'letter' || draft.channel === 'servedAct');
}

function note(ctx: PlanningContext, code: TraceCode, message: string, group: MessageGroup, withdrawnKey?: string): void {
  ctx.trace.push({ code, message, intentIds: group.intents.map((i) => i.id), contactKey: null });
  if (withdrawnKey) ctx.withdrawals.push({ keyPrefix: withdrawnKey, reason: message });
}

function reachable(ctx: PlanningContext, channel: ContactChannel): boolean {
  const household = ctx.input.household;
  switch (channel) {
    case 'sms':
    case 'call':
      return household.hasMobilePhone;
    case 'voice':
      return household.hasPhone ?? household.hasMobilePhone;
    case 'email':
      return household.hasEmail;
    case 'letter':
      return ctx.addressValid;
    default:
      return true;
  }
}

function notAfterOf(ctx: PlanningContext, group: MessageGroup): number | null {
  let limit: number | null = null;
  const rule = group.primary.notAfter;
  if (rule) {
    const base = anchorMs(ctx, rule.anchor);
    if (base !== null) limit = shiftInstant(base, rule.offset, ctx.calendar);
  }
  for (const intent of group.intents) {
    if (!intent.deadline) continue;
    const deadline = Date.parse(intent.deadline);
    if (!Number.isNaN(deadline) && (limit === null || deadline < limit)) limit = deadline;
  }
  return limit;
}

/** The first channel of the playbook's NPAI fallbacks that can reach the household for this group. */
function npaiFallback(ctx: PlanningContext, group: MessageGroup, used: Set<ContactChannel>): ContactChannel | null {
  const fallback = ctx.input.playbook.escalation.npai.fallbackChannels;
  return (
    fallback.find(
      (c) =>
        c !== 'letter' &&
        reachable(ctx, c) &&
        !used.has(c) &&
        !optedOut(ctx.input.optOuts, c, group.leadPartnerId) &&
        !channelUndelivered(ctx.input.history, group.purposes, group.stage, c),
    ) ?? null
  );
}

const WRITTEN_CHANNELS: readonly ContactChannel[] = ['sms', 'email', 'letter'];

/**
 * The household chose its channel on its response page: a non-legal written message (SMS, e-mail,
 * letter) goes by that channel instead, when the channel reaches the household, it has hours in
 * the playbook and the household did not object to it or fail on it. Legal letters and served
 * acts keep theirs; calls and visits stay what the playbook says. Null when nothing changes.
 */
export function householdChosenChannelFor(ctx: PlanningContext, group: MessageGroup, step: ChannelStep): ContactChannel | null {
  const chosen = ctx.input.household.preferredChannel;
  if (!chosen || chosen === step.channel || !WRITTEN_CHANNELS.includes(step.channel)) return null;
  if (group.legal && step.channel === 'letter') return null;
  const { optOuts, history, playbook } = ctx.input;
  if (playbook.contactHours[chosen] === undefined) return null;
  if (!reachable(ctx, chosen) || optedOut(optOuts, chosen, group.leadPartnerId)) return null;
  return channelUndelivered(history, group.purposes, group.stage, chosen) ? null : chosen;
}

interface StepDecision {
  channel: ContactChannel | null;
  extra: ContactChannel | null;
}

function decideChannel(
  ctx: PlanningContext,
  group: MessageGroup,
  step: ChannelStep,
  index: number,
  used: Set<ContactChannel>,
): StepDecision {
  const { history, optOuts } = ctx.input;
  const label = channelLabel(step.channel);
  const key = contactKeyOf(ctx, group.id, step.channel, index);
  if (group.legal && (step.channel === 'letter' || step.channel === 'servedAct')) {
    if (step.channel === 'letter' && !ctx.addressValid) {
      const extra = npaiFallback(ctx, group, used);
      note(
        ctx,
        'escalationNpai',
        `Adresse invalide (courrier revenu « n'habite pas à l'adresse indiquée ») : le courrier légal « ${group.primary.label} » part quand même, doublé par ${extra ? channelLabel(extra) : 'aucun autre canal joignable'}.`,
        group,
      );
      return { channel: 'letter', extra };
    }
    return { channel: step.channel, extra: null };
  }
  if (optedOut(optOuts, step.channel, group.leadPartnerId)) {
    note(
      ctx,
      'suppressedOptOut',
      `Le ménage a refusé ce canal (${label}) : étape « ${group.primary.label} » par ${label} retirée.`,
      group,
      key,
    );
    return { channel: null, extra: null };
  }
  if (channelUndelivered(history, group.purposes, group.stage, step.channel)) {
    note(ctx, 'suppressedNoChannel', `Le ${label} « ${group.primary.label} » n'a pas abouti : on passe au canal suivant.`, group, key);
    return { channel: null, extra: null };
  }
  if (!reachable(ctx, step.channel)) {
    if (step.channel === 'letter' && !ctx.addressValid) {
      const replacement = npaiFallback(ctx, group, used);
      note(
        ctx,
        'escalationNpai',
        `Adresse invalide (courrier revenu « n'habite pas à l'adresse indiquée ») : le courrier « ${group.primary.label} » est remplacé par ${replacement ? channelLabel(replacement) : 'aucun canal joignable'}.`,
        group,
        key,
      );
      return { channel: replacement, extra: null };
    }
    note(ctx, 'suppressedNoChannel', `Pas de coordonnée pour le canal ${label} : étape « ${group.primary.label} » retirée.`, group, key);
    return { channel: null, extra: null };
  }
  return { channel: step.channel, extra: null };
}

/**
 * A letter of the group already went out and came back NPAI: its content is planned again, at
 * once, on the playbook's next channel (the same key whatever the re-plans, so it goes once).
 */
function returnedLetterDraft(ctx: PlanningContext, group: MessageGroup, index: number): ContactDraft | null {
  const returned = entriesFor(ctx.input.history, group.purposes, group.stage, 'letter').some((e) => e.outcome === 'npai');
  if (!returned) return null;
  const channel = npaiFallback(ctx, group, new Set());
  if (!channel) {
    note(ctx, 'npaiReplanned', `Le courrier « ${group.primary.label} » est revenu (NPAI) et aucun autre canal ne joint le ménage.`, group);
    return null;
  }
  const key = contactKeyOf(ctx, group.id, channel, index);
  if (ctx.input.history.some((e) => e.key === key)) return null;
  const message = `Le courrier « ${group.primary.label} » est revenu (n'habite pas à l'adresse indiquée) : son contenu part par ${channelLabel(channel)}.`;
  note(ctx, 'npaiReplanned', message, group);
  return {
    group,
    absorbed: [],
    channel,
    step: index,
    targetMs: ctx.nowMs,
    notAfterMs: null,
    onlyIfNoResponse: false,
    reasons: [message],
  };
}

/** Draft contacts of one group, in sequence order. */
export function draftsForGroup(ctx: PlanningContext, group: MessageGroup): ContactDraft[] {
  const drafts: ContactDraft[] = [];
  const notAfterMs = notAfterOf(ctx, group);
  const seen = new Map<ContactChannel, number>();
  const used = new Set<ContactChannel>(group.primary.sequence.map((s) => s.channel));
  // Local days a spoken message of this group is planned on: one call a day says it all.
  const spokenDays = new Set<number>(
    entriesFor(ctx.input.history, group.purposes, group.stage, 'voice').map((e) => ctx.calendar.clock.localDay(Date.parse(e.at))),
  );
  const draft = (channel: ContactChannel, step: ChannelStep, index: number, targetMs: number, reasons: string[] = []): ContactDraft => ({
    group,
    absorbed: [],
    channel,
    step: index,
    targetMs,
    notAfterMs,
    onlyIfNoResponse: step.onlyIfNoResponse,
    reasons,
  });
  /** The spoken message that goes with (or instead of) a written step, if it is due and not said that day yet. */
  const spoken = (step: ChannelStep, index: number, targetMs: number, role: SpokenRole): ContactDraft | null => {
    const key = contactKeyOf(ctx, group.id, 'voice', index);
    const day = ctx.calendar.clock.localDay(Math.max(targetMs, ctx.nowMs));
    if (ctx.input.history.some((e) => e.key === key) || spokenDays.has(day)) return null;
    spokenDays.add(day);
    const message = spokenReason(role, channelLabel(step.channel), group.primary.label, group.legal && step.channel === 'letter');
    note(ctx, role === 'instead' ? 'spokenInstead' : 'spokenAlongside', message, group);
    return draft('voice', step, index, targetMs, [message]);
  };
  // Local days the household's chosen channel carries this group: one message a day says it all.
  const chosenDays = new Set<number>();
  /** The step sent by the channel the household chose, or null when its choice changes nothing. */
  const byChosenChannel = (step: ChannelStep, index: number, targetMs: number): ContactDraft | 'merged' | null => {
    const chosen = householdChosenChannelFor(ctx, group, step);
    if (!chosen) {
      // A step the playbook already sends by the chosen channel: not twice the same day.
      if (step.channel !== ctx.input.household.preferredChannel) return null;
      const day = ctx.calendar.clock.localDay(Math.max(targetMs, ctx.nowMs));
      if (!chosenDays.has(day)) {
        chosenDays.add(day);
        return null;
      }
      const label = channelLabel(step.channel);
      note(ctx, 'householdChoseChannel', `« ${group.primary.label} » est déjà dit par ${label} ce jour-là : un seul ${label}.`, group);
      ctx.withdrawals.push({ keyPrefix: contactKeyOf(ctx, group.id, step.channel, index), reason: 'un seul message par jour' });
      return 'merged';
    }
    if (chosen === 'letter' && group.legal) {
      // The legal letter already says it by post: its companion SMS or e-mail is not sent as a second letter.
      const message = `Le ménage a choisi d'être contacté par courrier : le courrier légal « ${group.primary.label} » le dit déjà, pas de ${channelLabel(step.channel)}.`;
      note(ctx, 'householdChoseChannel', message, group, contactKeyOf(ctx, group.id, step.channel, index));
      return 'merged';
    }
    const message = `Le ménage a choisi d'être contacté par ${channelLabel(chosen)} : « ${group.primary.label} » part par ${channelLabel(chosen)} au lieu du ${channelLabel(step.channel)}.`;
    ctx.withdrawals.push({ keyPrefix: contactKeyOf(ctx, group.id, step.channel, index), reason: message });
    const key = contactKeyOf(ctx, group.id, chosen, index);
    const day = ctx.calendar.clock.localDay(Math.max(targetMs, ctx.nowMs));
    if (ctx.input.history.some((e) => e.key === key)) return 'merged';
    if (chosenDays.has(day)) {
      note(ctx, 'householdChoseChannel', `${message} Déjà dit par ${channelLabel(chosen)} ce jour-là : un seul message.`, group);
      return 'merged';
    }
    chosenDays.add(day);
    note(ctx, 'householdChoseChannel', message, group);
    return draft(chosen, step, index, targetMs, [message]);
  };
  const baseOf = (step: ChannelStep, legalStep: boolean): number | null =>
    anchorMs(ctx, step.anchor) ?? (legalStep ? ctx.stageEnteredMs : null);
  group.primary.sequence.forEach((step, index) => {
    const occurrence = (seen.get(step.channel) ?? 0) + 1;
    seen.set(step.channel, occurrence);
    const label = `« ${group.primary.label} » par ${channelLabel(step.channel)}`;
    const legalStep = group.legal && (step.channel === 'letter' || step.channel === 'servedAct');
    const role = spokenRole(ctx, group, step);
    if (timesDone(ctx.input.history, group.purposes, group.stage, step.channel) >= occurrence) {
      const replacement = step.channel === 'letter' ? returnedLetterDraft(ctx, group, index) : null;
      if (replacement) drafts.push(replacement);
      else note(ctx, 'suppressedAlreadyDone', `Étape ${index + 1} ${label} déjà faite.`, group);
      // The letter went (before its spoken message was due, or before a partner said the household reads with difficulty).
      const base = role === 'alongside' && !ctx.nonLegalCancelledBy && voiceUsable(ctx, group) ? baseOf(step, legalStep) : null;
      const companion = base === null ? null : spoken(step, index, shiftInstant(base, step.offset, ctx.calendar), 'alongside');
      if (companion) drafts.push(companion);
      return;
    }
    if (step.onlyIfNoResponse && ctx.respondedInStage) {
      note(
        ctx,
        'suppressedAlreadyDone',
        `Le ménage a déjà répondu : relance ${label} inutile.`,
        group,
        contactKeyOf(ctx, group.id, step.channel, index),
      );
      return;
    }
    if (group.legal && !legalStep && ctx.nonLegalCancelledBy) {
      // The legal act stays; the SMS or call that accompanies it is not legal and goes with the rest.
      note(
        ctx,
        'suppressedByEvent',
        `${label} annulé : ${ctx.nonLegalCancelledBy}.`,
        group,
        contactKeyOf(ctx, group.id, step.channel, index),
      );
      return;
    }
    const base = baseOf(step, legalStep);
    if (base === null) {
      note(ctx, 'suppressedMissingDate', `Date de référence inconnue : étape ${label} non planifiée.`, group);
      return;
    }
    const targetMs = shiftInstant(base, step.offset, ctx.calendar);
    if (role === 'instead' && voiceUsable(ctx, group)) {
      // Said rather than written; a spoken message that did not get through gives the written channel back.
      const instead = spoken(step, index, targetMs, 'instead');
      if (instead) drafts.push(instead);
      ctx.withdrawals.push({
        keyPrefix: contactKeyOf(ctx, group.id, step.channel, index),
        reason: spokenReason('instead', channelLabel(step.channel), group.primary.label, false),
      });
      return;
    }
    const chosen = byChosenChannel(step, index, targetMs);
    if (chosen) {
      if (chosen !== 'merged') drafts.push(chosen);
      return;
    }
    const decision = decideChannel(ctx, group, step, index, used);
    for (const channel of [decision.channel, decision.extra]) {
      if (!channel) continue;
      used.add(channel);
      drafts.push(draft(channel, step, index, targetMs));
    }
    if (role === 'alongside' && decision.channel && !ctx.nonLegalCancelledBy && voiceUsable(ctx, group)) {
      const companion = spoken(step, index, targetMs, 'alongside');
      if (companion) drafts.push(companion);
    }
  });
  return drafts;
}

/**
 * Once mail came back, one home-visit suggestion to the service the playbook names (the first of
 * its kinds that the territory has), carrying the returned letters' purposes; not repeated once a
 * visit happened.
 */
export function homeVisitSuggestion(ctx: PlanningContext, groups: readonly MessageGroup[]): ContactDraft | null {
  const npai = ctx.input.playbook.escalation.npai;
  if (!(ctx.letterReturned || !ctx.addressValid) || !npai.suggestHomeVisit || groups.length === 0) return null;
  if (ctx.input.history.some((e) => e.channel === 'homeVisit' && e.stage === ctx.input.procedure.stage)) return null;
  const host = groups.find((g) => !g.legal) ?? groups[0];
  const service = npai.homeVisitBy.map((kind) => ctx.input.partners.find((p) => p.kind === kind)).find((p) => p !== undefined);
  if (!service) {
    note(
      ctx,
      'homeVisitSuggested',
      `Courrier revenu : aucun service chargé des visites (${npai.homeVisitBy.map(partnerKindLabel).join(', ')}) n'est inscrit sur le territoire, visite non suggérée.`,
      host,
    );
    return null;
  }
  const message = `Courrier revenu (n'habite pas à l'adresse indiquée) : visite à domicile suggérée à ${service.name}.`;
  note(ctx, 'homeVisitSuggested', message, host);
  const group: MessageGroup = {
    ...host,
    id: `${ctx.input.procedure.stage}.visiteNpai`,
    legal: false,
    leadPartnerId: service.id,
    coSigningPartnerIds: [],
    callbackPhone: null,
  };
  return {
    group,
    absorbed: [],
    channel: 'homeVisit',
    step: 99,
    targetMs: ctx.nowMs,
    notAfterMs: null,
    onlyIfNoResponse: false,
    reasons: [message],
  };
}
