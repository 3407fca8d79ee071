/**
 * Turns plans into delayed BullMQ jobs and due contacts into hand-offs. Idempotent twice over:
 * job ids come from contact keys (re-enqueuing is a no-op) and a contact is handed off only while
 * its row is still `planned`, under a row lock (a duplicate job finds nothing to do).
 */
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ContactHandOff } from './contact-hand-off';
import { CoordinationRepository, PlanWriteResult } from './coordination.repository';
import type { ContactPlan } from './domain/types';
import { CONTACT_DUE_JOB, contactDueJobId, contactDueOptions } from './jobs/contact-due.job';

export type DueOutcome = 'handedOff' | 'notPlanned' | 'early';

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
  ) {}

  /** Stores plans, enqueues new or moved contacts, removes the jobs of obsolete ones. */
  async applyPlans(plans: readonly ContactPlan[], intentOwners?: ReadonlyMap<string, string>): Promise<PlanWriteResult> {
    const result = await this.repository.savePlans(plans, intentOwners);
    const moved = result.scheduled.filter((s) => s.rescheduled).map((s) => s.contactKey);
    await Promise.all([...moved, ...result.cancelled].map((key) => this.queue.remove(contactDueJobId({ contactKey: key }))));
    const now = this.clock.now();
    if (result.scheduled.length > 0) {
      await this.queue.addBulk(
        result.scheduled.map((s) => ({
          name: CONTACT_DUE_JOB,
          data: { contactKey: s.contactKey },
          opts: { ...contactDueOptions, jobId: contactDueJobId(s), delay: Math.max(0, Date.parse(s.notBefore) - now) },
        })),
      );
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

  /** Handles `contact.due`: hands the contact over once, or re-delays it if it was moved later. */
  async handleDue(contactKey: string): Promise<DueOutcome> {
    return this.repository.transaction(async (manager) => {
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
      await this.handOffPort.handOff(contact);
      await this.repository.markHandedOff(manager, contactKey);
      return 'handedOff';
    });
  }
}
