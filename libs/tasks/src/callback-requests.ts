/**
 * A household's call-back request (its response page, the voice menu's "1") becomes a call task
 * for the team the playbook routes calls to, due in the slot it chose, in its time zone and the
 * playbook's call hours (decision 0031). Once per household while the task is open: the same
 * request again changes nothing, another slot moves the task. Thin: every rule is a pure function
 * of `domain/callback-requests.ts`.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InvalidPhoneNumbers, PlaybookCatalog, timeZoneOfPostalCode } from '@unisson/coordination';
import { HouseholdFacts, HouseholdsRepository } from '@unisson/households';
import {
  CALLBACK_PURPOSE,
  callbackDecision,
  callbackReason,
  CallbackSlot,
  callbackSlotsOf,
  callbackWindow,
} from './domain/callback-requests';
import { TaskCreation } from './task-creation';
import { TaskRow, TasksRepository } from './tasks.repository';

export interface CallbackRequest {
  householdId: string;
  /** A slot of `slotsFor` (`soonest` from the voice menu). */
  slot: string;
  /** The request's own key (its response event's): the same request twice is one task. */
  requestKey: string;
  /** Where the household asked, said in the script: `response_page`, `notice`, `voice`. */
  source: string;
  /** The partner that signed what the household answered, if known. */
  partnerId?: string | null;
}

export type CallbackOutcome =
  { status: 'created' | 'kept' | 'moved'; task: TaskRow } | { status: 'refused'; reason: 'NO_HOUSEHOLD' | 'NO_SLOT' | 'NO_TEAM' };

const WHERE: Record<string, string> = {
  response_page: 'sa page de réponse',
  notice: 'le lien de la notice',
  voice: 'le menu du message vocal (touche 1)',
};

@Injectable()
export class CallbackRequests {
  private readonly logger = new Logger('CallbackRequests');

  constructor(
    private readonly tasks: TasksRepository,
    private readonly households: HouseholdsRepository,
    private readonly creation: TaskCreation,
    private readonly playbooks: PlaybookCatalog,
    private readonly wrongNumbers: InvalidPhoneNumbers,
  ) {}

  /** The slots a household may choose (its territory's call hours) and the zone they are counted in. */
  async slotsFor(householdId: string | null, territory: string | null, now: Date): Promise<{ slots: CallbackSlot[]; timeZone: string }> {
    const facts = householdId ? await this.households.findFacts(householdId) : null;
    const where = facts?.household.territory ?? territory;
    if (!where) return { slots: [], timeZone: 'Europe/Paris' };
    const playbook = this.playbooks.forTerritory(where, now.toISOString().slice(0, 10));
    return { slots: callbackSlotsOf(playbook.contactHours.call), timeZone: this.zoneOf(facts, playbook.timeZone) };
  }

  /**
   * Creates, keeps or moves the household's call-back task. The request is the household's own
   * consent to that call: an objection to calls, the attempts caps and the pause after a refused
   * call do not hold it back (decision 0031).
   */
  async request(request: CallbackRequest, now: Date): Promise<CallbackOutcome> {
    const facts = await this.households.findFacts(request.householdId);
    if (!facts) return { status: 'refused', reason: 'NO_HOUSEHOLD' };
    const territory = facts.household.territory;
    const playbook = this.playbooks.forTerritory(territory, now.toISOString().slice(0, 10));
    const timeZone = this.zoneOf(facts, playbook.timeZone);
    const window = callbackWindow(request.slot, now.getTime(), playbook.contactHours.call, timeZone, territory);
    if (!window) return { status: 'refused', reason: 'NO_SLOT' };
    const open = await this.tasks.findOpenCallback(request.householdId);
    const decision = callbackDecision(
      open && { state: open.state, slot: open.callbackSlot!, notBefore: new Date(open.notBefore).getTime() },
      request.slot,
      window,
    );
    if (open && decision.kind === 'keep') return { status: 'kept', task: open };
    if (open && decision.kind === 'move') return this.move(open, request.slot, window, timeZone);
    const team = await this.creation.route(facts, 'call', CALLBACK_PURPOSE, playbook);
    if (!team) {
      this.logger.warn({ territory }, 'call-back requested where no team works calls');
      return { status: 'refused', reason: 'NO_TEAM' };
    }
    const reason = callbackReason(request.slot, window, timeZone);
    // A number a caller found wrong is not dialled again (another record's may still work).
    const phone = usablePhoneOf(facts, await this.wrongNumbers.keysOf(request.householdId));
    const { task, created } = await this.tasks.insertOnce({
      messageIdempotencyKey: `callback:${request.requestKey}`,
      messageId: null,
      plannedContactKey: null,
      householdId: request.householdId,
      teamId: team.teamId,
      channel: 'call',
      purpose: CALLBACK_PURPOSE,
      // Not tied to a stage: the household asked, the call stays due when the case moves on (closing it cancels the task).
      stage: null,
      territory,
      timeZone,
      locale: facts.household.preferredLocale,
      recipient: phone ?? '',
      script: scriptOf(request, reason, phone),
      templateKey: 'callback_request',
      templateVersion: '-',
      leadPartnerId: request.partnerId ?? null,
      onlyIfNoResponse: false,
      routingRule: team.ruleId,
      routingReason: `${reason} ; ${team.reason}`,
      notBefore: new Date(window.from),
      deadline: null,
      callbackSlot: request.slot,
    });
    if (created) {
      this.logger.log({ taskId: task.id, rule: team.ruleId }, 'call-back task created');
      return { status: 'created', task };
    }
    // Another request won the race (uq_task_open_callback), or this very request was handled before.
    const raced = await this.tasks.findOpenCallback(request.householdId);
    if (raced && raced.callbackSlot !== request.slot && raced.state === 'pending') return this.move(raced, request.slot, window, timeZone);
    return { status: 'kept', task: raced ?? task };
  }

  private async move(
    open: TaskRow,
    slot: string,
    window: { from: number; until: number | null },
    timeZone: string,
  ): Promise<CallbackOutcome> {
    const reason = callbackReason(slot, window, timeZone);
    const task = await this.tasks.transaction(async (m) => {
      const fresh = await this.tasks.findOpenCallback(open.householdId, m, true);
      // Taken meanwhile by a caller: the call is happening, the task stays as it is.
      if (!fresh || fresh.id !== open.id || fresh.state !== 'pending') return fresh ?? open;
      const teamReason = fresh.routingReason.split(' ; ').slice(1).join(' ; ');
      return this.tasks.update(m, open.id, {
        callbackSlot: slot,
        notBefore: new Date(window.from),
        routingReason: teamReason ? `${reason} ; ${teamReason}` : reason,
      });
    });
    this.logger.log({ taskId: task.id }, 'call-back task moved to the slot asked');
    return { status: task.callbackSlot === slot ? 'moved' : 'kept', task };
  }

  /** The household's zone: its address's (overseas départements have their own), else its playbook's. */
  private zoneOf(facts: HouseholdFacts | null, fallback: string): string {
    return timeZoneOfPostalCode(facts?.records[0]?.postalCode, fallback);
  }
}

/** The first of the household's numbers not found wrong by a caller, or null. */
export function usablePhoneOf(facts: Pick<HouseholdFacts, 'records'>, wrongNumbers: ReadonlySet<string>): string | null {
  return facts.records.find((r) => InvalidPhoneNumbers.usable(wrongNumbers, r.phone))?.phone ?? null;
}

function scriptOf(request: CallbackRequest, reason: string, phone: string | null): string {
  const where = WHERE[request.source] ?? 'un message d’Unisson';
  const unknown = phone ? '' : ' Aucun numéro de téléphone utilisable n’est connu : cherchez-le auprès du partenaire qui suit le ménage.';
  return `${reason}, depuis ${where}. Présentez-vous, dites pour quel organisme vous appelez et écoutez ce dont le ménage a besoin.${unknown}`;
}
