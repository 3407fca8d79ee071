/**
 * Whether the plan still needs a task. A call or a visit handed to a team stays open until
 * someone works it; meanwhile the case moves on. Before anyone is sent to a household (at each
 * claim) and on every sweep, an open task is checked against the household's planning input, and
 * cancelled with the reason a partner reads. Pure.
 */
import { HOUSEHOLD_EVENT_LABELS, PlanningInput } from '@unisson/coordination';
import type { ProcedureStage } from '@unisson/vocabulary';
import { STAGE_LABELS } from '@unisson/vocabulary';
import type { TaskChannel } from './task-channel';

/** Why a call task is cancelled when the household objected to calls, as the caller and the plan read it. */
export const CALL_OPT_OUT_REASON = 'Annulée : le ménage s’est opposé aux appels, ne l’appelez pas.';

/**
 * Whether the household objected to this task's channel after it last asked for the call itself.
 * Only calls can be objected to (the opt-out channels are sms, email, letter, voice, call; a
 * spoken message objection also closes calls, the planning input already says so).
 */
export function objectedTo(
  task: Pick<TaskNeed, 'channel' | 'askedByHouseholdAt' | 'partnerId'>,
  input: Pick<PlanningInput, 'optOuts'>,
): boolean {
  if (task.channel !== 'call') return false;
  const asked = task.askedByHouseholdAt ?? null;
  return input.optOuts.some(
    (o) => o.channel === 'call' && (o.partnerId === null || o.partnerId === task.partnerId) && (asked === null || Date.parse(o.at) > asked),
  );
}

export interface TaskNeed {
  stage: ProcedureStage | null;
  purpose: string;
  onlyIfNoResponse: boolean;
  createdAt: number;
  /** The planned contact the task carries out: its own outcomes are not "the household answered elsewhere". */
  contactKey: string | null;
  /** A call-back the household asked for is kept, whatever it answered meanwhile. */
  lastOutcome: string | null;
  /** A caller found the number of this call wrong (another task's outcome): nobody rings it again. */
  numberFoundWrong?: boolean;
  /** A call or a visit: an objection to calls closes call tasks, never a visit (nobody can object to a visit). */
  channel?: TaskChannel;
  /**
   * The last time the household itself asked for this call (its call-back request, or « rappelez-moi »
   * said on a call), epoch ms: a request made after an objection to calls wins over it (decision 0031),
   * an objection made after the request wins over the request.
   */
  askedByHouseholdAt?: number | null;
  /** The partner the task is carried out for: an objection to that partner only holds its tasks too. */
  partnerId?: string | null;
}

export type Need = { needed: true } | { needed: false; reason: string };

export function stillNeeded(task: TaskNeed, input: PlanningInput | null): Need {
  if (!input || input.procedure.closedOn) return { needed: false, reason: 'Le ménage n’a plus de procédure suivie par Unisson.' };
  if (task.stage && input.procedure.stage !== task.stage) {
    return { needed: false, reason: `Le dossier est passé à l’étape « ${STAGE_LABELS[input.procedure.stage]} ».` };
  }
  if (task.numberFoundWrong) return { needed: false, reason: 'Annulée : ce numéro a été signalé comme un mauvais numéro.' };
  if (objectedTo(task, input)) return { needed: false, reason: CALL_OPT_OUT_REASON };
  const purpose = input.playbook.purposes.find((p) => p.id === task.purpose);
  const after = (at: string) => Date.parse(at) > task.createdAt;
  for (const event of input.events) {
    if (!after(event.at)) continue;
    const rule = input.playbook.cancellingEvents.find((c) => c.event === event.type);
    if (!rule) continue;
    const cancels = rule.cancels === 'allNonLegal' ? !purpose?.legal : purpose !== undefined && rule.cancels.includes(purpose.mergeGroup);
    if (cancels) return { needed: false, reason: `Annulée : ${HOUSEHOLD_EVENT_LABELS[event.type]}.` };
  }
  if (task.onlyIfNoResponse && task.lastOutcome !== 'callback_requested') {
    const answered =
      input.history.some((h) => h.outcome === 'responded' && after(h.at) && (!h.key || h.key !== task.contactKey)) ||
      input.events.some((e) => e.type === 'householdResponded' && after(e.at));
    if (answered) return { needed: false, reason: 'Annulée : le ménage a répondu.' };
  }
  return { needed: true };
}
