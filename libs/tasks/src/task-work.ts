/**
 * Working tasks: claim (reserve), start, release, note an outcome, close; and the effects of an
 * outcome (a response event through `ResponseRecorder`, which re-plans; the attempts caps; the
 * plan moving to its next channel when a household cannot be reached). Thin: every rule is a
 * pure function of `domain/`, every write a conditional statement of the repository.
 */
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CoordinationService, PlaybookCatalog } from '@unisson/coordination';
import { UnissonError } from '@unisson/platform';
import { ResponseRecorder } from '@unisson/responses';
import { afterAttempt, attemptPermission } from './domain/attempts';
import { CALLBACK_PURPOSE } from './domain/callback-requests';
import { dueWindow } from './domain/due-window';
import { effectOf, isOutcomeOf, outcomesOf, TaskOutcome } from './domain/outcomes';
import { responseOf } from './domain/response-kinds';
import { stillNeeded } from './domain/still-needed';
import { TaskEvent, TaskLife, transition } from './domain/task-life';
import { attemptRulesOf } from './task-creation';
import { TaskRow, TasksRepository, TeamRow } from './tasks.repository';

const DAY_MS = 86_400_000;
/** A task left in wrap-up this long is closed by the sweep (TaskRouter's wrap-up timeout). */
export const WRAP_UP_TIMEOUT_MS = 30 * 60_000;

export interface OutcomeInput {
  outcome: string;
  note?: string | null;
  /** For `callback_requested`: when the household asked to be called. */
  callbackAt?: Date | null;
}

/** The last time the household itself asked for this call: its call-back request, or « rappelez-moi » said on a call. */
function askedByHouseholdAt(t: TaskRow): number | null {
  const times = [
    t.purpose === CALLBACK_PURPOSE ? new Date(t.createdAt).getTime() : null,
    t.lastOutcome === 'callback_requested' && t.lastOutcomeAt ? new Date(t.lastOutcomeAt).getTime() : null,
  ].filter((at): at is number => at !== null);
  return times.length ? Math.max(...times) : null;
}

const lifeOf = (t: TaskRow): TaskLife => ({
  state: t.state,
  agent: t.agent,
  reservedUntil: t.reservedUntil ? new Date(t.reservedUntil).getTime() : null,
  notBefore: new Date(t.notBefore).getTime(),
  cancelReason: t.cancelReason,
});

@Injectable()
export class TaskWork {
  private readonly logger = new Logger('TaskWork');

  constructor(
    private readonly tasks: TasksRepository,
    private readonly playbooks: PlaybookCatalog,
    private readonly coordination: CoordinationService,
    private readonly responses: ResponseRecorder,
  ) {}

  private playbookOf(territory: string, now: Date) {
    return this.playbooks.forTerritory(territory, now.toISOString().slice(0, 10));
  }

  /** The team's reservation time and cap: its home territory's playbook. */
  routingOf(team: TeamRow, now = new Date()) {
    return this.playbookOf(team.territories[0], now).taskRouting;
  }

  /**
   * Reserves the next task of the team due now (or the one asked for). Before anyone is sent to a
   * household, the plan is asked whether it still needs the task; one it no longer needs is
   * cancelled with the reason, and the next one is taken.
   */
  async claim(team: TeamRow, agent: string, taskId: string | null = null, now = new Date()): Promise<TaskRow> {
    const routing = this.routingOf(team, now);
    const skipped: string[] = [];
    for (let tries = 0; tries < 10; tries++) {
      const task = await this.tasks.claim({
        teamId: team.id,
        agent,
        now,
        reservationMs: routing.reservationMinutes * 60_000,
        cap: routing.maxHouseholdsPerAgent,
        taskId: taskId ?? undefined,
        excludeIds: skipped,
      });
      if (!task) break;
      const cancelled = await this.cancelIfNotNeeded(task, now);
      if (!cancelled) return task;
      if (taskId) throw UnissonError.conflict('TASK_NO_LONGER_NEEDED', `Cette tâche n’est plus utile : ${cancelled}`);
      skipped.push(task.id);
    }
    if (taskId) {
      const task = await this.tasks.findById(taskId);
      if (!task || task.teamId !== team.id) throw UnissonError.notFound();
    }
    const held = await this.tasks.heldHouseholds(agent, now);
    if (held >= routing.maxHouseholdsPerAgent) {
      throw UnissonError.conflict(
        'TASK_CAP_REACHED',
        `Vous tenez déjà ${held} foyers (maximum ${routing.maxHouseholdsPerAgent}) : terminez ou rendez une tâche avant d’en prendre une autre.`,
      );
    }
    throw UnissonError.conflict(
      taskId ? 'TASK_NOT_CLAIMABLE' : 'NO_TASK_DUE',
      taskId ? 'Cette tâche est déjà prise, terminée ou pas encore à traiter.' : 'Aucune tâche à traiter maintenant dans cette équipe.',
    );
  }

  /** Cancels an open task the plan no longer needs; returns the reason, or null when it is still needed. */
  async cancelIfNotNeeded(task: TaskRow, now = new Date()): Promise<string | null> {
    const [input, numberFoundWrong] = await Promise.all([
      this.coordination.planningInput(task.householdId),
      task.channel === 'call' && task.recipient
        ? this.coordination.phoneMarkedInvalid(task.householdId, task.recipient)
        : Promise.resolve(false),
    ]);
    const need = stillNeeded(
      {
        stage: task.stage as never,
        purpose: task.purpose,
        onlyIfNoResponse: task.onlyIfNoResponse,
        createdAt: new Date(task.createdAt).getTime(),
        contactKey: task.plannedContactKey,
        lastOutcome: task.lastOutcome,
        numberFoundWrong,
        channel: task.channel,
        askedByHouseholdAt: askedByHouseholdAt(task),
        partnerId: task.leadPartnerId,
      },
      input,
    );
    if (need.needed) return null;
    await this.tasks.transaction(async (m) => {
      const fresh = await this.tasks.findById(task.id, m, true);
      if (!fresh) return;
      const moved = transition(lifeOf(fresh), { type: 'cancel', at: now.getTime(), reason: need.reason });
      if (moved.ok)
        await this.tasks.update(m, task.id, { state: 'cancelled', agent: null, reservedUntil: null, cancelReason: need.reason });
    });
    this.logger.log({ taskId: task.id }, 'task cancelled: the plan no longer needs it');
    return need.reason;
  }

  /**
   * Right after something changed the household's case outside the tasks (an objection to calls):
   * its open tasks nobody is working yet are asked again whether the plan still needs them, so
   * they leave the worklist now rather than at the next sweep. Returns how many were cancelled.
   */
  async recheckHousehold(householdId: string, now = new Date()): Promise<number> {
    let cancelled = 0;
    for (const task of await this.tasks.findUnworkedOfHousehold(householdId)) if (await this.cancelIfNotNeeded(task, now)) cancelled++;
    return cancelled;
  }

  start(taskId: string, agent: string, now = new Date()): Promise<TaskRow> {
    return this.move(taskId, { type: 'start', agent, at: now.getTime() }, (next) => ({ state: next.state, reservedUntil: null }));
  }

  release(taskId: string, agent: string, now = new Date()): Promise<TaskRow> {
    return this.move(taskId, { type: 'release', agent, at: now.getTime() }, () => ({ state: 'pending', agent: null, reservedUntil: null }));
  }

  /**
   * Notes the outcome of an attempt: the attempt is counted, the task goes to wrap-up and the
   * next attempt (if any) is decided by the caps; then the response event is recorded (it re-plans).
   */
  async recordOutcome(taskId: string, agent: string, input: OutcomeInput, now = new Date()): Promise<TaskRow> {
    const task = await this.tasks.transaction(async (m) => {
      const current = await this.lockOrFail(m, taskId);
      if (!isOutcomeOf(current.channel, input.outcome)) {
        throw UnissonError.validation([
          {
            field: 'outcome',
            message: `n’est pas un résultat ${current.channel === 'call' ? 'd’appel' : 'de visite à domicile'} : envoyez l’un de ${outcomesOf(current.channel).join(', ')}`,
          },
        ]);
      }
      const outcome: TaskOutcome = input.outcome;
      const moved = transition(lifeOf(current), { type: 'outcome', agent, at: now.getTime() });
      if (!moved.ok) throw UnissonError.conflict(`TASK_${moved.code.toUpperCase()}`, moved.message);
      const playbook = this.playbookOf(current.territory, now);
      const rules = attemptRulesOf(playbook, current.channel);
      await this.tasks.insertAttempt(m, {
        taskId,
        householdId: current.householdId,
        channel: current.channel,
        outcome,
        agent,
        note: input.note ?? null,
        callbackAt: input.callbackAt ?? null,
        at: now,
      });
      const since = new Date(now.getTime() - Math.max(rules.windowDays, rules.pauseAfterRefusalDays) * DAY_MS);
      const past = await this.tasks.pastAttempts(current.householdId, current.channel, since, m);
      const decision = afterAttempt(outcome, past, rules, now.getTime(), {
        callbackAt: input.callbackAt?.getTime() ?? null,
        deadline: current.deadline ? new Date(current.deadline).getTime() : null,
      });
      const permission = attemptPermission(past, rules, now.getTime());
      if (!permission.allowed) {
        // The caps hold the household's other tasks too (every channel after a refusal).
        await this.tasks.holdHouseholdUntil(
          m,
          current.householdId,
          taskId,
          new Date(permission.until),
          effectOf(outcome).refusal ? null : current.channel,
        );
      }
      const hours = playbook.contactHours[current.channel];
      const nextAttempt =
        decision.kind === 'retry'
          ? hours && outcome !== 'callback_requested'
            ? (dueWindow(decision.notBefore, hours, current.timeZone, current.territory).from ?? decision.notBefore)
            : decision.notBefore
          : null;
      return this.tasks.update(m, taskId, {
        state: 'wrap_up',
        reservedUntil: null,
        attempts: current.attempts + 1,
        lastOutcome: outcome,
        lastOutcomeAt: now,
        nextAttemptAt: nextAttempt === null ? null : new Date(nextAttempt),
        effectsAppliedAt: null,
        unreachable: decision.kind === 'done' && decision.exhausted,
      });
    });
    await this.applyEffects(task.id).catch((error: unknown) => {
      // The sweep applies them again (idempotent): the outcome itself is safe in PostgreSQL.
      this.logger.warn({ taskId: task.id, err: error instanceof Error ? error.name : 'error' }, 'outcome effects postponed to the sweep');
    });
    return (await this.tasks.findById(task.id))!;
  }

  /** Closes the wrap-up: the task is completed, or back to pending for its next attempt. */
  async complete(taskId: string, agent: string | null, now = new Date()): Promise<TaskRow> {
    return this.tasks.transaction(async (m) => {
      const current = await this.lockOrFail(m, taskId);
      const moved = transition(lifeOf(current), { type: 'complete', agent, at: now.getTime() });
      if (!moved.ok) throw UnissonError.conflict(`TASK_${moved.code.toUpperCase()}`, moved.message);
      if (current.nextAttemptAt) {
        return this.tasks.update(m, taskId, {
          state: 'pending',
          agent: null,
          reservedUntil: null,
          notBefore: current.nextAttemptAt,
          nextAttemptAt: null,
        });
      }
      return this.tasks.update(m, taskId, { state: 'completed', reservedUntil: null, completedAt: now });
    });
  }

  /**
   * The outcome's effects, idempotent: the response event (its key is the task and the attempt
   * number, so a second run records nothing) and, for a household the caps left unreachable, the
   * plan moving to its next channel.
   */
  async applyEffects(taskId: string): Promise<void> {
    const task = await this.tasks.findById(taskId);
    if (!task || !task.lastOutcome || task.effectsAppliedAt) return;
    const response = responseOf(task.channel, task.lastOutcome);
    // A wrong number is wrong for every partner: marked before the response re-plans, so the plan moves on.
    if (isOutcomeOf(task.channel, task.lastOutcome) && effectOf(task.lastOutcome).invalidates === 'phone' && task.recipient) {
      await this.coordination.markPhoneInvalid(task.householdId, task.recipient, task.plannedContactKey);
    }
    const team = await this.tasks.findTeam(task.teamId);
    await this.responses.record({
      idempotencyKey: `task:${task.id}:attempt:${task.attempts}`,
      householdId: task.householdId,
      kind: response.kind,
      source: response.source,
      occurredAt: new Date(task.lastOutcomeAt ?? new Date()),
      messageId: task.messageId,
      plannedContactKey: task.plannedContactKey,
      partnerId: team?.partnerId ?? null,
      details: { taskId: task.id, outcome: task.lastOutcome, attempt: task.attempts },
    });
    if (task.unreachable && task.plannedContactKey) {
      await this.coordination.recordOutcome(task.plannedContactKey, 'undelivered');
    }
    await this.tasks.transaction((m) => this.tasks.update(m, taskId, { effectsAppliedAt: new Date() }));
  }

  private async lockOrFail(m: EntityManager, taskId: string): Promise<TaskRow> {
    const task = await this.tasks.findById(taskId, m, true);
    if (!task) throw UnissonError.notFound();
    return task;
  }

  private async move(taskId: string, event: TaskEvent, changes: (next: TaskLife) => Partial<TaskRow>): Promise<TaskRow> {
    return this.tasks.transaction(async (m) => {
      const current = await this.lockOrFail(m, taskId);
      const moved = transition(lifeOf(current), event);
      if (!moved.ok) throw UnissonError.conflict(`TASK_${moved.code.toUpperCase()}`, moved.message);
      return this.tasks.update(m, taskId, changes(moved.next));
    });
  }
}
