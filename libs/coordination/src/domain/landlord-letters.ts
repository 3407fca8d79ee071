/**
 * Letters to the procedure's private landlord (the Essonne mobile team writes to the landlord as
 * well as to the tenant: aids, mediation, the procedure). They ride on the tenant's plan (same
 * stage, same cancelling events: debt cleared or moved out cancels them like every non-legal
 * contact) but are never the household's contacts: they do not count in the household's caps,
 * are never folded into its stage letter, never follow its chosen channel or opt-outs, and a
 * landlord letter that came back (NPAI) says nothing about the household's address.
 */
import type { ContactDraft } from './contact-drafts';
import { contactKeyOf } from './contact-drafts';
import type { MessageGroup } from './intent-grouping';
import type { PlanningContext } from './planning-context';
import { anchorMs, entriesFor, timesDone } from './planning-context';
import type { PurposeDefinition } from './playbook.schema';
import { shiftInstant } from './send-window';
import type { ContactHistoryEntry } from './types';

export function isLandlordPurpose(purpose: PurposeDefinition | undefined): boolean {
  return purpose?.addressee === 'landlord';
}

export function isLandlordGroup(group: MessageGroup): boolean {
  return isLandlordPurpose(group.primary);
}

export function isLandlordDraft(draft: ContactDraft): boolean {
  return isLandlordGroup(draft.group);
}

/** Splits the contact history: what was sent to the household, and what was sent to the landlord. */
export function splitHistory(
  history: readonly ContactHistoryEntry[],
  purposes: ReadonlyMap<string, PurposeDefinition>,
): { household: ContactHistoryEntry[]; landlord: ContactHistoryEntry[] } {
  const household: ContactHistoryEntry[] = [];
  const landlord: ContactHistoryEntry[] = [];
  for (const entry of history) (isLandlordPurpose(purposes.get(entry.purpose)) ? landlord : household).push(entry);
  return { household, landlord };
}

function note(
  ctx: PlanningContext,
  group: MessageGroup,
  code: 'suppressedNoChannel' | 'suppressedAlreadyDone',
  message: string,
  key?: string,
) {
  ctx.trace.push({ code, message, intentIds: group.intents.map((i) => i.id), contactKey: null });
  if (key) ctx.withdrawals.push({ keyPrefix: key, reason: message });
}

/** The landlord letters of one group, in sequence order, judged on the landlord's own history. */
export function landlordDraftsForGroup(
  ctx: PlanningContext,
  group: MessageGroup,
  landlordHistory: readonly ContactHistoryEntry[],
): ContactDraft[] {
  const label = `« ${group.primary.label} »`;
  if (ctx.input.procedure.landlordPostalAddressKnown !== true) {
    note(
      ctx,
      group,
      'suppressedNoChannel',
      ctx.input.procedure.landlordPostalAddressReturned
        ? `${label} non planifié : un courrier est revenu (NPAI) de l'adresse du bailleur privé ; une autre adresse doit être donnée.`
        : `${label} non planifié : Unisson n'a pas l'adresse postale du bailleur privé.`,
      `${ctx.input.procedure.id}.${group.id}.`,
    );
    return [];
  }
  const returned = entriesFor(landlordHistory, group.purposes, group.stage, 'letter').some((e) => e.outcome === 'npai');
  let notAfterMs: number | null = null;
  const rule = group.primary.notAfter;
  if (rule) {
    const base = anchorMs(ctx, rule.anchor);
    if (base !== null) notAfterMs = shiftInstant(base, rule.offset, ctx.calendar);
  }
  const drafts: ContactDraft[] = [];
  let occurrence = 0;
  group.primary.sequence.forEach((step, index) => {
    occurrence += 1;
    if (timesDone(landlordHistory, group.purposes, group.stage, 'letter') >= occurrence) {
      note(ctx, group, 'suppressedAlreadyDone', `Courrier ${index + 1} au bailleur ${label} déjà parti.`);
      return;
    }
    const key = contactKeyOf(ctx, group.id, 'letter', index);
    if (returned) {
      note(
        ctx,
        group,
        'suppressedNoChannel',
        `Un courrier au bailleur ${label} est revenu (NPAI) : plus de courrier à cette adresse du bailleur.`,
        key,
      );
      return;
    }
    const base = anchorMs(ctx, step.anchor);
    if (base === null) {
      note(ctx, group, 'suppressedNoChannel', `Date de référence inconnue : courrier au bailleur ${label} non planifié.`, key);
      return;
    }
    drafts.push({
      group,
      absorbed: [],
      channel: 'letter',
      step: index,
      targetMs: shiftInstant(base, step.offset, ctx.calendar),
      notAfterMs,
      onlyIfNoResponse: false,
      reasons: ["Adressé au bailleur privé, pas au ménage : hors des plafonds et du courrier de l'étape du ménage."],
    });
  });
  return drafts;
}
