/**
 * `contact.due`: a planned contact reached its send window. The job id is derived from the
 * contact key, so enqueuing the same plan twice never creates a second job.
 * `contact.handoff`: the contact was marked handed off; messaging words it and stores its
 * message in its own job, after the row lock of `contact.due` was released.
 * Both are in the JOBS registry (libs/queues).
 */
import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

export const CONTACT_DUE_JOB = 'contact.due';
export const COORDINATION_QUEUE = 'coordination';
export const CONTACT_HANDOFF_JOB = 'contact.handoff';
export const CONTACT_HANDOFF_QUEUE = 'handoff';

export const contactDuePayload = z.object({ contactKey: z.string().min(1).max(400) });
export type ContactDuePayload = z.infer<typeof contactDuePayload>;

/** BullMQ forbids ':' in custom ids; contact keys use '.', kept as they are. */
export function contactDueJobId(payload: ContactDuePayload): string {
  return `contact-${payload.contactKey.replace(/:/g, '_')}`;
}

export function contactHandOffJobId(payload: ContactDuePayload): string {
  return `handoff-${payload.contactKey.replace(/:/g, '_')}`;
}

export const contactDueOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const contactHandOffOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
