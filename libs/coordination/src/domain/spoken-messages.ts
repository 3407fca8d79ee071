/**
 * Spoken messages for households who read with difficulty (a partner said so): where the
 * playbook's `spokenMessages` says, an automated call in the household's language says what the
 * written message says, instead of an SMS or an e-mail, or alongside a letter. A legal letter is
 * never replaced: the voice goes with it. A spoken message that did not get through gives the
 * written channel back (the plan's usual "next channel"). Pure.
 */
import type { ChannelStep } from './playbook.schema';
import type { MessageGroup } from './intent-grouping';
import { PlanningContext, channelUndelivered, optedOut } from './planning-context';

export type SpokenRole = 'instead' | 'alongside';

/** What the playbook has a spoken message do for this step of this household, or null. */
export function spokenRole(ctx: PlanningContext, group: MessageGroup, step: ChannelStep): SpokenRole | null {
  const spoken = ctx.input.playbook.spokenMessages;
  if (!spoken || ctx.input.household.readsWithDifficulty !== true) return null;
  const channel = step.channel;
  if (channel !== 'sms' && channel !== 'email' && channel !== 'letter') return null;
  if (spoken.instead.includes(channel)) return group.legal && channel === 'letter' ? 'alongside' : 'instead';
  return spoken.alongside.includes(channel) ? 'alongside' : null;
}

/** Whether a spoken message can reach the household for this group: a phone, hours for it, no objection, not failed before. */
export function voiceUsable(ctx: PlanningContext, group: MessageGroup): boolean {
  const { household, playbook, optOuts, history } = ctx.input;
  return (
    (household.hasPhone ?? household.hasMobilePhone) &&
    playbook.contactHours.voice !== undefined &&
    !optedOut(optOuts, 'voice', group.leadPartnerId) &&
    !channelUndelivered(history, group.purposes, group.stage, 'voice')
  );
}

/** The trace's sentence for a spoken message, as partners read it. */
export function spokenReason(role: SpokenRole, writtenLabel: string, purposeLabel: string, legal: boolean): string {
  return role === 'instead'
    ? `Le ménage lit difficilement : « ${purposeLabel} » est dit par message vocal, à la place du ${writtenLabel}.`
    : `Le ménage lit difficilement : un message vocal dit le contenu du ${writtenLabel} « ${purposeLabel} »` +
        (legal ? ', le courrier légal part quand même.' : ', le courrier part aussi.');
}
