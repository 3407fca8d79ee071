/**
 * Expands message groups into draft contacts along the playbook's channel sequence, applying
 * what the household's situation rules out: opt-outs, missing channels, returned mail (NPAI),
 * undelivered channels, steps already done and answers already received.
 */
import type { MessageGroup } from './intent-grouping';
import type { ChannelStep } from './playbook.schema';
import { PlanningContext, anchorMs, channelUndelivered, optedOut, timesDone } from './planning-context';
import { shiftInstant } from './send-window';
import type { Channel, TraceCode } from './types';

export interface ContactDraft {
  group: MessageGroup;
  /** Groups whose message was folded into this one (stage letter, legal letter). */
  absorbed: MessageGroup[];
  channel: Channel;
  step: number;
  targetMs: number;
  notAfterMs: number | null;
  onlyIfNoResponse: boolean;
  reasons: string[];
}

const CHANNEL_LABEL: Record<Channel, string> = {
  letter: 'courrier',
  sms: 'SMS',
  email: 'courriel',
  call: 'appel',
  homeVisit: 'visite à domicile',
  servedAct: 'acte signifié',
};

export function channelLabel(channel: Channel): string {
  return CHANNEL_LABEL[channel];
}

/** The legally required part of a legal group: its letter or served act (companion SMS or calls are not). */
export function isLegalContact(draft: ContactDraft): boolean {
  return draft.group.legal && (draft.channel === 'letter' || draft.channel === 'servedAct');
}

function note(ctx: PlanningContext, code: TraceCode, message: string, group: MessageGroup): void {
  ctx.trace.push({ code, message, intentIds: group.intents.map((i) => i.id), contactKey: null });
}

function reachable(ctx: PlanningContext, channel: Channel): boolean {
  const household = ctx.input.household;
  switch (channel) {
    case 'sms':
    case 'call':
      return household.hasMobilePhone;
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

/** Replaces an unreachable letter (NPAI) by the first reachable fallback channel. */
function npaiFallback(ctx: PlanningContext, group: MessageGroup, used: Set<Channel>): Channel | null {
  const fallback = ctx.input.playbook.escalation.npai.fallbackChannels;
  return fallback.find((c) => reachable(ctx, c) && !used.has(c) && !optedOut(ctx.input.optOuts, c, group.leadPartnerId)) ?? null;
}

interface StepDecision {
  channel: Channel | null;
  extra: Channel | null;
}

function decideChannel(ctx: PlanningContext, group: MessageGroup, step: ChannelStep, used: Set<Channel>): StepDecision {
  const { history, optOuts } = ctx.input;
  const label = channelLabel(step.channel);
  if (group.legal && (step.channel === 'letter' || step.channel === 'servedAct')) {
    if (step.channel === 'letter' && !ctx.addressValid) {
      note(ctx, 'escalationNpai', `Adresse invalide (NPAI) : le courrier légal part quand même, doublé par un autre canal.`, group);
      return { channel: 'letter', extra: npaiFallback(ctx, group, used) };
    }
    return { channel: step.channel, extra: null };
  }
  if (optedOut(optOuts, step.channel, group.leadPartnerId)) {
    note(ctx, 'suppressedOptOut', `Le ménage a refusé le canal ${label} : étape retirée.`, group);
    return { channel: null, extra: null };
  }
  if (channelUndelivered(history, group.purposes, group.stage, step.channel)) {
    note(ctx, 'suppressedNoChannel', `Le canal ${label} n'a pas abouti : on passe au canal suivant.`, group);
    return { channel: null, extra: null };
  }
  if (!reachable(ctx, step.channel)) {
    if (step.channel === 'letter' && !ctx.addressValid) {
      const replacement = npaiFallback(ctx, group, used);
      note(
        ctx,
        'escalationNpai',
        `Adresse invalide (NPAI) : courrier remplacé par ${replacement ? channelLabel(replacement) : 'aucun canal'}.`,
        group,
      );
      return { channel: replacement, extra: null };
    }
    note(ctx, 'suppressedNoChannel', `Pas de coordonnée pour le canal ${label} : étape retirée.`, group);
    return { channel: null, extra: null };
  }
  return { channel: step.channel, extra: null };
}

/** Draft contacts of one group, in sequence order. */
export function draftsForGroup(ctx: PlanningContext, group: MessageGroup): ContactDraft[] {
  const drafts: ContactDraft[] = [];
  const notAfterMs = notAfterOf(ctx, group);
  const seen = new Map<Channel, number>();
  const used = new Set<Channel>(group.primary.sequence.map((s) => s.channel));
  group.primary.sequence.forEach((step, index) => {
    const occurrence = (seen.get(step.channel) ?? 0) + 1;
    seen.set(step.channel, occurrence);
    if (timesDone(ctx.input.history, group.purposes, group.stage, step.channel) >= occurrence) {
      note(ctx, 'suppressedAlreadyDone', `Étape ${index + 1} (${channelLabel(step.channel)}) déjà faite.`, group);
      return;
    }
    if (step.onlyIfNoResponse && ctx.respondedInStage) {
      note(ctx, 'suppressedAlreadyDone', `Le ménage a déjà répondu : relance ${channelLabel(step.channel)} inutile.`, group);
      return;
    }
    const legalStep = group.legal && (step.channel === 'letter' || step.channel === 'servedAct');
    const base = anchorMs(ctx, step.anchor) ?? (legalStep ? ctx.stageEnteredMs : null);
    if (base === null) {
      note(ctx, 'suppressedMissingDate', `Date « ${step.anchor} » inconnue : étape ${channelLabel(step.channel)} non planifiée.`, group);
      return;
    }
    const decision = decideChannel(ctx, group, step, used);
    const targetMs = shiftInstant(base, step.offset, ctx.calendar);
    for (const channel of [decision.channel, decision.extra]) {
      if (!channel) continue;
      used.add(channel);
      drafts.push({
        group,
        absorbed: [],
        channel,
        step: index,
        targetMs,
        notAfterMs,
        onlyIfNoResponse: step.onlyIfNoResponse,
        reasons: [],
      });
    }
  });
  return drafts;
}

/** One home-visit suggestion for social services once mail came back (not repeated once a visit happened). */
export function homeVisitSuggestion(ctx: PlanningContext, groups: readonly MessageGroup[]): ContactDraft | null {
  const npai = ctx.input.playbook.escalation.npai;
  if (ctx.addressValid || !npai.suggestHomeVisit || groups.length === 0) return null;
  const group = groups.find((g) => !g.legal) ?? groups[0];
  if (ctx.input.history.some((e) => e.channel === 'homeVisit')) return null;
  note(ctx, 'homeVisitSuggested', 'Courrier revenu NPAI : visite à domicile suggérée aux services sociaux.', group);
  return {
    group,
    absorbed: [],
    channel: 'homeVisit',
    step: 99,
    targetMs: ctx.nowMs,
    notAfterMs: null,
    onlyIfNoResponse: false,
    reasons: [],
  };
}
