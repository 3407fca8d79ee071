/**
 * Which intents the plan keeps, and why the others go, in words partners read: a closing or
 * suspending event cancels the non-legal ones; a legal act stays unless the event makes it moot
 * (then it is withdrawn with the legal reason); a legal act of a later stage waits for that stage.
 */
import { stageRank, type ProcedureStage } from '@unisson/vocabulary';
import { frenchDate, partnerName, stageLabel } from './french-text';
import type { PlanningContext } from './planning-context';
import { unmetConditions } from './planning-context';
import type { Playbook, PurposeDefinition } from './playbook.schema';
import { HOUSEHOLD_EVENT_LABELS, type ContactIntent, type HouseholdEvent, type TraceCode } from './types';

type CancellingRule = Playbook['cancellingEvents'][number];

interface ActiveEvent {
  event: HouseholdEvent;
  rule: CancellingRule | null;
  /** "la dette est soldée (signalé par Habitat Solidaire 93, le 30 novembre 2026)" */
  phrase: string;
}

function phraseOf(ctx: PlanningContext, event: HouseholdEvent): string {
  const day = frenchDate(ctx.calendar.clock.localDay(Date.parse(event.at)));
  const by = event.reportedBy ? `signalé par ${partnerName(ctx.input.partners, event.reportedBy)}, ` : '';
  return `${HOUSEHOLD_EVENT_LABELS[event.type]} (${by}le ${day})`;
}

/** Events in force now: past, and (for stage-scoped rules) not older than the current stage. */
function activeEvents(ctx: PlanningContext): ActiveEvent[] {
  const { playbook, events } = ctx.input;
  const stageDay = ctx.calendar.clock.localDay(ctx.stageEventMs);
  const active: ActiveEvent[] = [];
  for (const event of events) {
    const at = Date.parse(event.at);
    if (at > ctx.nowMs || event.type === 'householdResponded') continue;
    const rule = playbook.cancellingEvents.find((r) => r.event === event.type) ?? null;
    if (rule?.scope !== 'procedure' && ctx.calendar.clock.localDay(at) < stageDay) continue;
    active.push({ event, rule, phrase: phraseOf(ctx, event) });
  }
  return active;
}

function cancels(active: ActiveEvent, definition: PurposeDefinition): boolean {
  const rule = active.rule;
  return !!rule && (rule.cancels === 'allNonLegal' || rule.cancels.includes(definition.mergeGroup));
}

/** Keeps the intents the plan carries out; traces and records (for the contacts they had) why the others go. */
export function keepIntents(ctx: PlanningContext): ContactIntent[] {
  const { procedure, intents } = ctx.input;
  const active = activeEvents(ctx);
  ctx.nonLegalCancelledBy = active.find((a) => a.rule?.cancels === 'allNonLegal')?.phrase ?? null;
  const kept: ContactIntent[] = [];
  const dropped = new Map<string, string>();
  /** The same per purpose of the group: a merged message's contacts are named by their own purpose. */
  const droppedByPurpose = new Map<string, Map<string, string>>();
  const keptGroups = new Set<string>();
  const drop = (intent: ContactIntent, code: TraceCode, message: string, groupPrefix: string): void => {
    ctx.trace.push({ code, message, intentIds: [intent.id], contactKey: null });
    // A group's contacts carry the legal act's reason when its legal act went, the first reason otherwise.
    const legalWent = code === 'legalWithdrawn' || code === 'legalHeldForStage';
    if (!dropped.has(groupPrefix) || legalWent) dropped.set(groupPrefix, message);
    const byPurpose = droppedByPurpose.get(groupPrefix) ?? new Map<string, string>();
    if (!byPurpose.has(intent.purpose) || legalWent) byPurpose.set(intent.purpose, message);
    droppedByPurpose.set(groupPrefix, byPurpose);
  };
  const stageNow = stageLabel(procedure.stage);
  for (const intent of intents) {
    const definition = ctx.purposes.get(intent.purpose);
    const legal = intent.legal || definition?.legal === true;
    const label = definition?.label ?? `demande de ${partnerName(ctx.input.partners, intent.partnerId, intent.partnerKind)}`;
    const prefix = `${procedure.id}.${definition?.stage ?? intent.stage}.${definition?.mergeGroup ?? `legal-${intent.purpose}`}.`;
    if (legal) {
      if (stageRank(intent.stage) > stageRank(procedure.stage)) {
        drop(
          intent,
          'legalHeldForStage',
          `Obligation légale « ${label} » de l'étape « ${stageLabel(intent.stage)} » : planifiée quand le dossier y arrivera (il est à l'étape « ${stageNow} »).`,
          prefix,
        );
        continue;
      }
      const moot = definition?.withdrawnBy
        .map((w) => ({ w, active: active.find((a) => a.event.type === w.event) }))
        .find((x) => x.active !== undefined);
      if (moot?.active) {
        drop(intent, 'legalWithdrawn', `Obligation légale « ${label} » retirée : ${moot.active.phrase}. ${moot.w.reason}`, prefix);
        continue;
      }
      const unmet = definition ? unmetConditions(ctx, definition) : [];
      if (unmet.length > 0) {
        drop(intent, 'legalWithdrawn', `Obligation légale « ${label} » sans objet : ${unmet.join(' ; ')}.`, prefix);
        continue;
      }
      const overridden = active.find((a) => definition && cancels(a, definition));
      if (overridden) {
        ctx.trace.push({
          code: 'legalKept',
          message: `Obligation légale « ${label} » maintenue malgré l'événement : ${overridden.phrase} ; l'acte reste exigé par la loi.`,
          intentIds: [intent.id],
          contactKey: null,
        });
      } else if (intent.stage !== procedure.stage) {
        ctx.trace.push({
          code: 'legalKept',
          message: `Obligation légale « ${label} » de l'étape « ${stageLabel(intent.stage)} » : maintenue, le dossier est passé à l'étape « ${stageNow} ».`,
          intentIds: [intent.id],
          contactKey: null,
        });
      }
      kept.push(definition?.legal && !intent.legal ? { ...intent, legal: true } : intent);
      keptGroups.add(prefix);
    } else if (!definition) {
      drop(intent, 'suppressedUnknownPurpose', `${label} : objet absent du playbook, demande non planifiée.`, prefix);
    } else if (intent.stage !== procedure.stage || definition.stage !== procedure.stage) {
      drop(
        intent,
        'suppressedOtherStage',
        otherStageReason(label, definition.stage !== procedure.stage ? definition.stage : intent.stage, procedure.stage),
        prefix,
      );
    } else {
      const cancelling = active.find((a) => cancels(a, definition));
      const unmet = cancelling ? [] : unmetConditions(ctx, definition);
      if (cancelling) drop(intent, 'suppressedByEvent', `« ${label} » annulé : ${cancelling.phrase}.`, prefix);
      else if (unmet.length > 0) drop(intent, 'suppressedCondition', `« ${label} » non planifié : ${unmet.join(' ; ')}.`, prefix);
      else {
        kept.push(intent);
        keptGroups.add(prefix);
      }
    }
  }
  for (const [keyPrefix, reason] of dropped) {
    if (keptGroups.has(keyPrefix)) continue;
    ctx.withdrawals.push({ keyPrefix, reason });
    for (const [purpose, own] of droppedByPurpose.get(keyPrefix) ?? []) ctx.withdrawals.push({ keyPrefix, reason: own, purpose });
  }
  return kept;
}

/** Why a purpose of another stage is not planned, naming the stage the case is at now. */
function otherStageReason(label: string, of: ProcedureStage, now: ProcedureStage): string {
  return stageRank(of) < stageRank(now)
    ? `« ${label} » n'est plus prévu : le dossier est passé de l'étape « ${stageLabel(of)} » à l'étape « ${stageLabel(now)} ».`
    : `« ${label} » (étape « ${stageLabel(of)} ») n'est pas prévu : le dossier est à l'étape « ${stageLabel(now)} ».`;
}
