/**
 * Turns plans into delayed BullMQ jobs and due contacts into hand-offs. Idempotent twice over:
 * job ids come from contact keys (re-enqueuing is a no-op) and a contact is handed off only while
 * its row is still `planned`, under a row lock (a duplicate job finds nothing to do).
 *
 * Only contacts due within the enqueue horizon get their job when planned; the coordination
 * reconciler adds the others as they come within it. The hand-off itself is a job of its own
 * (`contact.handoff`), enqueued once the row lock is released: wording and storing the message
 * never happen while the planned contact's row is locked.
 */
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ContactHandOff } from './contact-hand-off';
import { CoordinationRepository, PlanWriteResult } from './coordination.repository';
import type { ContactPlan } from './domain/types';
import {
  CONTACT_DUE_JOB,
  CONTACT_HANDOFF_JOB,
  contactDueJobId,
  contactDueOptions,
  contactHandOffJobId,
  contactHandOffOptions,
} from './jobs/contact-due.job';

export type DueOutcome = 'handedOff' | 'notPlanned' | 'early';

export interface PlanExecutorOptions {
  /** Where `contact.handoff` jobs go; without it, the port is called directly after the commit. */
  handOffQueue?: Queue;
  /** Contacts due later than this get their job from the reconciler, when they come within it. */
  enqueueHorizonMs?: number;
}

export interface ExecutorClock {
  now(): number;
}

export const systemClock: ExecutorClock = { now: () => Date.now() };

/**
 * A clock that starts at a chosen instant and runs at normal speed: demos and end-to-end tests
 * show what happens on a weekday at 10:30 whatever the hour they run at. Null: real time.
 */
export function clockStartingAt(startAt: string | null, realNow: () => number = Date.now): ExecutorClock {
  if (!startAt) return systemClock;
  const offset = Date.parse(startAt) - realNow();
  return { now: () => realNow() + offset };
}

@Injectable()
export class PlanExecutor {
  constructor(
    private readonly repository: CoordinationRepository,
    private readonly queue: Queue,
    private readonly handOffPort: ContactHandOff,
    private readonly clock: ExecutorClock = systemClock,
    private readonly options: PlanExecutorOptions = {},
  ) {}

  get enqueueHorizonMs(): number {
    return this.options.enqueueHorizonMs ?? Number.POSITIVE_INFINITY;
  }

  /** The `contact.due` job of a contact, delayed to its window. */
  dueJob(contactKey: string, notBefore: string, now = this.clock.now()) {
    return {
      name: CONTACT_DUE_JOB,
      data: { contactKey },
      opts: { ...contactDueOptions, jobId: contactDueJobId({ contactKey }), delay: Math.max(0, Date.parse(notBefore) - now) },
    };
  }

  handOffJob(contactKey: string) {
    return {
      name: CONTACT_HANDOFF_JOB,
      data: { contactKey },
      opts: { ...contactHandOffOptions, jobId: contactHandOffJobId({ contactKey }) },
    };
  }

  /** Stores plans, enqueues new or moved contacts, removes the jobs of obsolete ones. */
  async applyPlans(plans: readonly ContactPlan[], intentOwners?: ReadonlyMap<string, string>): Promise<PlanWriteResult> {
    const result = await this.repository.savePlans(plans, intentOwners);
    const moved = result.scheduled.filter((s) => s.rescheduled).map((s) => s.contactKey);
    await Promise.all([...moved, ...result.cancelled].map((key) => this.queue.remove(contactDueJobId({ contactKey: key }))));
    const now = this.clock.now();
    // The horizon counts from the moment each plan was made (the engine's clock when planning).
    const plannedAt = new Map(plans.flatMap((p) => p.contacts.map((c) => [c.key, Date.parse(p.plannedAt)] as const)));
    const soon = result.scheduled.filter((s) => Date.parse(s.notBefore) - (plannedAt.get(s.contactKey) ?? now) <= this.enqueueHorizonMs);
    for (let i = 0; i < soon.length; i += 1000) {
      await this.queue.addBulk(soon.slice(i, i + 1000).map((s) => this.dueJob(s.contactKey, s.notBefore, now)));
    }
    return result;
  }

  /** Nothing is to be planned for the household any more: nothing planned may go out; the reason is kept. */
  async cancelHousehold(householdId: string, reason: string): Promise<string[]> {
    const cancelled = await this.repository.cancelPlannedContacts(householdId, reason);
    await Promise.all(cancelled.map((key) => this.queue.remove(contactDueJobId({ contactKey: key }))));
    return cancelled;
  }

  /** Household matching merged `from` into `into`: the engine's data follows, pending jobs of `from` go. */
  async mergeHousehold(from: string, into: string): Promise<void> {
    const cancelled = await this.repository.mergeHousehold(from, into);
    await Promise.all(cancelled.map((key) => this.queue.remove(contactDueJobId({ contactKey: key }))));
  }

  /** Handles `contact.due`: marks the contact handed off once (then enqueues its hand-off), or re-delays it if it was moved later. */
  async handleDue(contactKey: string): Promise<DueOutcome> {
    const outcome = await this.repository.transaction(async (manager): Promise<DueOutcome> => {
      const contact = await this.repository.lockPlannedContact(manager, contactKey);
      if (!contact) return 'notPlanned';
      const wait = Date.parse(contact.window.notBefore) - this.clock.now();
      if (wait > 1_000) {
        await this.queue.add(
          CONTACT_DUE_JOB,
          { contactKey },
          { ...contactDueOptions, jobId: `${contactDueJobId({ contactKey })}-${Date.parse(contact.window.notBefore)}`, delay: wait },
        );
        return 'early';
      }
      await this.repository.markHandedOff(manager, contactKey);
      return 'handedOff';
    });
    if (outcome !== 'handedOff') return outcome;
    // After the commit: if this enqueue is lost, the reconciler finds the contact without its message.
    if (this.options.handOffQueue) {
      const job = this.handOffJob(contactKey);
      await this.options.handOffQueue.add(job.name, job.data, job.opts);
    } else {
      await this.deliverHandOff(contactKey);
    }
    return outcome;
  }

  /** Handles `contact.handoff`: gives a handed-off contact to messaging (idempotent on its side). */
  async deliverHandOff(contactKey: string): Promise<'delivered' | 'notHandedOff'> {
    const contact = await this.repository.findHandedOffContact(contactKey);
    if (!contact) return 'notHandedOff';
    await this.handOffPort.handOff(contact);
    return 'delivered';
  }
}
