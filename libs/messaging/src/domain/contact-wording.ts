/**
 * What a planned contact says: the template that words its purpose (each template.json lists the
 * playbook purposes it words) and its variables taken from what Unisson knows of the household.
 * Pure: no Nest, no database.
 *
 * Deadlines a message states are computed with the planner's own rule (`legalDeadline` over the
 * playbook's anchors and legal delays): the letter says the date the engine plans with. A purpose
 * without a template, or a fact the template needs and nobody knows (no hearing date for a hearing
 * reminder), gives a `missing` answer naming what is lacking: messaging records the contact as
 * not sendable rather than sending a letter with holes in it.
 */
import { dayOfIsoDate, isoDateOfDay, legalDeadline, winterTruceEnd, type Playbook } from '@unisson/coordination';
import {
  purposeIndex,
  wordPurpose,
  type DeadlineFact,
  type PurposeWording,
  type TemplateDefinition,
  type WordingFacts,
} from '@unisson/templates';
import type { HousingSector, ProcedureStage } from '@unisson/vocabulary';

export interface WordingContext extends Omit<WordingFacts, 'deadlines'> {
  stage: ProcedureStage;
  leaseSignedOn: string | null;
  landlordKind: HousingSector | null;
  territory: string;
  /** The household's local civil date when the contact is worded ('YYYY-MM-DD'). */
  today: string;
}

export type Wording = PurposeWording;

/** Deadline facts and the playbook anchor (from the stage's event) the planner schedules them with. */
const DEADLINE_ANCHORS: Record<Exclude<DeadlineFact, 'truceEnd'>, { anchor: string; stage: ProcedureStage }> = {
  paymentDeadline: { anchor: 'cdpDeadline', stage: 'commandement_de_payer' },
  diagnosisOfferBy: { anchor: 'dsfOfferDeadline', stage: 'assignation' },
  appealDeadline: { anchor: 'appealDeadline', stage: 'jugement' },
  leaveBy: { anchor: 'cqlDeadline', stage: 'commandement_de_quitter_les_lieux' },
};

/**
 * The legal deadlines of the current stage, each from the playbook anchor the planner uses
 * (same delay, same lease-date rule, same working days), and the last day of the winter truce in
 * progress (or of the next one).
 */
export function deadlinesFor(playbook: Playbook, context: WordingContext): WordingFacts['deadlines'] {
  const out: WordingFacts['deadlines'] = {};
  // No deadline worded today depends on the landlord's sector (only the CCAPEX referral delay does).
  const legalCase = { leaseSignedOn: context.leaseSignedOn, landlordKind: context.landlordKind ?? 'prive' };
  for (const [fact, { anchor: anchorId, stage }] of Object.entries(DEADLINE_ANCHORS) as Array<
    [Exclude<DeadlineFact, 'truceEnd'>, { anchor: string; stage: ProcedureStage }]
  >) {
    if (stage !== context.stage || !context.stageOn) continue;
    const anchor = playbook.anchors.find((a) => a.id === anchorId && a.from === 'stageEventDate');
    if (!anchor) continue;
    const deadline = legalDeadline(playbook.legalDelays, anchor.delay, context.stageOn, legalCase, context.territory, anchor.direction);
    if (deadline) out[fact] = deadline.date;
  }
  const today = dayOfIsoDate(context.today);
  const year = Number(context.today.slice(0, 4));
  const nextStart = dayOfIsoDate(`${year}-${playbook.winterTruce.start}`);
  const end = winterTruceEnd(today, playbook.winterTruce) ?? winterTruceEnd(nextStart >= today ? nextStart : today, playbook.winterTruce);
  if (end !== null) out.truceEnd = isoDateOfDay(end - 1);
  return out;
}

/** The purpose index of a library's templates (build it once). */
export function wordingIndex(definitions: Iterable<TemplateDefinition>): Map<string, TemplateDefinition> {
  return purposeIndex(definitions);
}

/** The template, library channel and variables of one planned contact, or what is missing. */
export function wordingFor(
  index: ReadonlyMap<string, TemplateDefinition>,
  playbook: Playbook,
  purpose: string,
  contactChannel: string,
  context: WordingContext,
): Wording {
  return wordPurpose(index, purpose, contactChannel, { ...context, deadlines: deadlinesFor(playbook, context) });
}
