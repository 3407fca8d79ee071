/**
 * Folds non-legal letters of a stage into one (or into the stage's legal letter), then times
 * every draft: winter truce, pause after a refused call, rolling caps per channel, and the
 * playbook's contact hours in the household's time zone.
 */
import { DAY_MS } from './calendar';
import type { ContactDraft } from './contact-drafts';
import { channelLabel, contactKeyOf, isLegalContact } from './contact-drafts';
import { isLandlordDraft } from './landlord-letters';
import type { PlanningContext } from './planning-context';
import { nextAllowedInstant, winterTruceEnd } from './send-window';
import { frenchDate } from './french-text';
import type { TraceCode } from './types';

function note(ctx: PlanningContext, code: TraceCode, message: string, draft: ContactDraft): void {
  const ids = [draft.group, ...draft.absorbed].flatMap((g) => g.intents.map((i) => i.id));
  ctx.trace.push({ code, message, intentIds: ids, contactKey: null });
  draft.reasons.push(message);
}

/**
 * Letters already sent at the current stage. A legal letter counts too: the non-legal content
 * known when it left rode along with it, so the stage's letter is spent.
 */
function lettersAlreadySent(ctx: PlanningContext): number {
  const stage = ctx.input.procedure.stage;
  return ctx.input.history.filter((e) => e.channel === 'letter' && e.stage === stage).length;
}

/** At most `nonLegalLettersPerStage` non-legal letters per stage; others ride along. */
export function mergeStageLetters(ctx: PlanningContext, drafts: ContactDraft[]): ContactDraft[] {
  const stage = ctx.input.procedure.stage;
  const isStageLetter = (d: ContactDraft): boolean => d.channel === 'letter' && d.group.stage === stage && !isLandlordDraft(d);
  const legalLetter = drafts.find((d) => isStageLetter(d) && d.group.legal && !d.onlyIfNoResponse);
  const nonLegal = drafts.filter((d) => isStageLetter(d) && !d.group.legal);
  if (nonLegal.length === 0) return drafts;
  const removed = new Set<ContactDraft>();
  if (legalLetter) {
    for (const draft of nonLegal) {
      legalLetter.absorbed.push(draft.group, ...draft.absorbed);
      removed.add(draft);
      note(ctx, 'attachedToLegal', `Courrier « ${draft.group.primary.label} » joint au courrier légal de l'étape.`, legalLetter);
    }
  } else {
    const allowance = ctx.input.playbook.caps.nonLegalLettersPerStage - lettersAlreadySent(ctx);
    const ordered = [...nonLegal].sort((a, b) => Number(a.onlyIfNoResponse) - Number(b.onlyIfNoResponse) || a.targetMs - b.targetMs);
    const kept = allowance > 0 ? ordered.slice(0, allowance) : [];
    for (const draft of ordered.slice(kept.length)) {
      removed.add(draft);
      const host = kept[0];
      if (host) {
        host.absorbed.push(draft.group, ...draft.absorbed);
        host.onlyIfNoResponse = host.onlyIfNoResponse && draft.onlyIfNoResponse;
        host.targetMs = Math.min(host.targetMs, draft.targetMs);
        note(ctx, 'stageLetterMerged', `Un seul courrier non légal par étape : « ${draft.group.primary.label} » y est intégré.`, host);
      } else {
        ctx.trace.push({
          code: 'suppressedAlreadyDone',
          message: `Le courrier de l'étape est déjà parti : « ${draft.group.primary.label} » n'envoie pas de nouveau courrier.`,
          intentIds: draft.group.intents.map((i) => i.id),
          contactKey: null,
        });
      }
    }
  }
  return drafts.filter((d) => !removed.has(d));
}

interface CapState {
  usedAt: Map<string, number[]>;
}

function capDefer(ctx: PlanningContext, draft: ContactDraft, at: number, caps: CapState): number {
  const { rollingWindowDays, perChannel } = ctx.input.playbook.caps;
  const limit = perChannel[draft.channel];
  const used = caps.usedAt.get(draft.channel) ?? [];
  if (!limit || isLegalContact(draft) || isLandlordDraft(draft)) return at;
  const windowMs = rollingWindowDays * DAY_MS;
  let t = at;
  for (let guard = 0; guard < 8; guard += 1) {
    const inWindow = used.filter((u) => u > t - windowMs && u <= t).sort((a, b) => a - b);
    if (inWindow.length < limit) break;
    t = inWindow[inWindow.length - limit] + windowMs + 1;
  }
  if (t !== at)
    note(
      ctx,
      'deferredCap',
      `Plafond de ${limit} ${channelLabel(draft.channel)} par ${rollingWindowDays} jours : « ${draft.group.primary.label} » repoussé au ${frenchDate(ctx.calendar.clock.localDay(t))}.`,
      draft,
    );
  return t;
}

function initialCaps(ctx: PlanningContext): CapState {
  const usedAt = new Map<string, number[]>();
  for (const entry of ctx.input.history) {
    const list = usedAt.get(entry.channel);
    const at = Date.parse(entry.at);
    if (list) list.push(at);
    else usedAt.set(entry.channel, [at]);
  }
  return { usedAt };
}

export interface TimedDraft {
  draft: ContactDraft;
  notBeforeMs: number;
}

/** Times drafts in order; returns the ones still useful before their deadline (legal ones always). */
export function scheduleDrafts(ctx: PlanningContext, drafts: ContactDraft[]): TimedDraft[] {
  const { playbook } = ctx.input;
  const caps = initialCaps(ctx);
  const timed: TimedDraft[] = [];
  const ordered = [...drafts].sort((a, b) => a.targetMs - b.targetMs || a.step - b.step);
  for (const draft of ordered) {
    let t = Math.max(ctx.nowMs, draft.targetMs);
    if (draft.group.primary.deferDuringWinterTruce) {
      const end = winterTruceEnd(ctx.calendar.clock.localDay(t), playbook.winterTruce);
      if (end !== null) {
        t = ctx.calendar.clock.at(end, 0);
        note(
          ctx,
          'deferredWinterTruce',
          `Trêve hivernale : « ${draft.group.primary.label} » (${channelLabel(draft.channel)}) repoussé au ${frenchDate(end)}, à la fin de la trêve.`,
          draft,
        );
      }
    }
    // A spoken message is a call too: the pause after a refused call holds it.
    if ((draft.channel === 'call' || draft.channel === 'voice') && ctx.lastCallRefusalMs !== null) {
      const resume = ctx.lastCallRefusalMs + playbook.caps.pauseAfterRefusalDays * DAY_MS;
      if (t < resume) {
        t = resume;
        note(
          ctx,
          'deferredRefusalPause',
          `Appel refusé récemment : pause de ${playbook.caps.pauseAfterRefusalDays} jours, appel repoussé au ${frenchDate(ctx.calendar.clock.localDay(t))}.`,
          draft,
        );
      }
    }
    t = capDefer(ctx, draft, t, caps);
    const hours = playbook.contactHours[draft.channel];
    if (hours) {
      const allowed = nextAllowedInstant(t, hours, ctx.calendar);
      if (allowed === null && !isLegalContact(draft)) continue; // a window that never opens: only a legal act goes anyway
      if (allowed !== null && allowed !== t && t > ctx.nowMs)
        note(
          ctx,
          'deferredQuietHours',
          `Hors des horaires autorisés : ${channelLabel(draft.channel)} « ${draft.group.primary.label} » au prochain créneau, le ${frenchDate(ctx.calendar.clock.localDay(allowed))}.`,
          draft,
        );
      t = allowed ?? t;
    }
    if (draft.notAfterMs !== null && t > draft.notAfterMs) {
      if (!isLegalContact(draft)) {
        note(
          ctx,
          'suppressedTooLate',
          `Trop tard pour « ${draft.group.primary.label} » (${channelLabel(draft.channel)}) : la date utile du ${frenchDate(ctx.calendar.clock.localDay(draft.notAfterMs))} est passée.`,
          draft,
        );
        ctx.withdrawals.push({
          keyPrefix: contactKeyOf(ctx, draft.group.id, draft.channel, draft.step),
          reason: draft.reasons[draft.reasons.length - 1],
        });
        continue;
      }
      note(ctx, 'legalKept', 'Obligation légale : envoyé même après la date utile.', draft);
    }
    const list = caps.usedAt.get(draft.channel);
    if (isLandlordDraft(draft)) {
      // Written to the landlord: not one of the household's letters.
    } else if (list) list.push(t);
    else caps.usedAt.set(draft.channel, [t]);
    timed.push({ draft, notBeforeMs: t });
  }
  return timed;
}
