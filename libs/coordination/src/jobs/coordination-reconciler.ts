import type { Queue } from 'bullmq';
import { ensureJobs, JobReconciler } from '@unisson/platform';
import { ContactHandOff } from '../contact-hand-off';
import { CoordinationRepository } from '../coordination.repository';
import { ExecutorClock, PlanExecutor } from '../plan-executor';

/** How far back hand-offs are checked for a message (older ones were checked many times over). */
const HANDOFF_LOOKBACK_MS = 24 * 3600_000;

/**
 * The engine's schedule lives in `planned_contact`: every contact due within the enqueue horizon
 * gets its delayed `contact.due` job back, and every contact handed off without a message its
 * `contact.handoff` job, after Redis lost them (or before they were ever added).
 */
export class CoordinationReconciler extends JobReconciler {
  readonly name = 'coordination';
  /** The hand-offs are walked in pages, oldest first, from this instant. */
  private handOffCursor = new Date(0);

  constructor(
    private readonly repository: CoordinationRepository,
    private readonly executor: PlanExecutor,
    private readonly handOff: ContactHandOff,
    private readonly dueQueue: Queue,
    private readonly handOffQueue: Queue,
    private readonly clock: ExecutorClock,
  ) {
    super();
  }

  async reconcile(): Promise<number> {
    const now = this.clock.now();
    const horizon = Math.min(this.executor.enqueueHorizonMs, 366 * 24 * 3600_000);
    const due = await this.repository.findPlannedDueBefore(new Date(now + horizon), 5_000);
    const rebuiltDue = await ensureJobs(
      this.dueQueue,
      due.map((c) => this.executor.dueJob(c.contactKey, c.notBefore, now)),
      60_000,
    );
    return rebuiltDue + (await this.reconcileHandOffs(now));
  }

  private async reconcileHandOffs(now: number): Promise<number> {
    const floor = new Date(now - HANDOFF_LOOKBACK_MS);
    const after = this.handOffCursor > floor ? this.handOffCursor : floor;
    // A hand-off younger than a few seconds may still be on its way.
    const page = await this.repository.findHandedOffBetween(after, new Date(Date.now() - 5_000), 2_000);
    this.handOffCursor = page.length === 2_000 ? page[page.length - 1].handedOffAt : new Date(0);
    const missing = await this.handOff.notYetReceived(page.map((c) => c.contactKey));
    return ensureJobs(
      this.handOffQueue,
      missing.map((key) => this.executor.handOffJob(key)),
      30_000,
    );
  }
}
