import { Injectable, Logger } from '@nestjs/common';
import { JobReconciler } from '@unisson/platform';
import { TaskWork, WRAP_UP_TIMEOUT_MS } from '../task-work';
import { TasksRepository } from '../tasks.repository';

/** How often an open task is asked again whether the plan still needs it. */
const RECHECK_AFTER_MS = 10 * 60_000;
const BATCH = 200;

/**
 * The tasks' durable sweep, run by the worker's reconciler loop (a timer of the process, not a
 * Redis job: nothing of a task lives in Redis, so emptying Redis loses nothing). Every step is
 * idempotent and several workers may run it at once:
 * - reservations past their time go back to pending (claims already treat them so);
 * - outcomes whose response event or re-plan was not applied (a crash right after the commit) are applied;
 * - wrap-ups left open are closed (TaskRouter's wrap-up timeout);
 * - open tasks the plan no longer needs are cancelled with their reason.
 */
@Injectable()
export class TaskSweep extends JobReconciler {
  readonly name = 'tasks';
  private readonly logger = new Logger('TaskSweep');

  constructor(
    private readonly tasks: TasksRepository,
    private readonly work: TaskWork,
  ) {
    super();
  }

  async reconcile(now: Date): Promise<number> {
    let changed = await this.tasks.expireReservations(now);
    for (const id of await this.tasks.findEffectsPending(new Date(now.getTime() - 30_000), BATCH)) {
      await this.work.applyEffects(id);
      changed++;
    }
    for (const id of await this.tasks.findStaleWrapUps(new Date(now.getTime() - WRAP_UP_TIMEOUT_MS), BATCH)) {
      await this.work.complete(id, null, now).catch(() => undefined);
      changed++;
    }
    const toCheck = await this.tasks.findToCheck(new Date(now.getTime() - RECHECK_AFTER_MS), BATCH);
    for (const task of toCheck) if (await this.work.cancelIfNotNeeded(task, now)) changed++;
    await this.tasks.markChecked(
      toCheck.map((t) => t.id),
      now,
    );
    if (changed) this.logger.log({ changed }, 'tasks swept');
    return changed;
  }
}
