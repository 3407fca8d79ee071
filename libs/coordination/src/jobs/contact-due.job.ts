/**
 * `contact.due`: a planned contact reached its send window. The job id is derived from the
 * contact key, so enqueuing the same plan twice never creates a second job. To be added to the
 * lead's JOBS registry (libs/queues) as:
 *   'contact.due': { queue: QUEUES.coordination, payload: contactDuePayload, jobId: contactDueJobId, options: contactDueOptions }
 */
import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

export const CONTACT_DUE_JOB = 'contact.due';
export const COORDINATION_QUEUE = 'coordination';

export const contactDuePayload = z.object({ contactKey: z.string().min(1).max(400) });
export type ContactDuePayload = z.infer<typeof contactDuePayload>;

/** BullMQ forbids ':' in custom ids; contact keys use '.', kept as they are. */
export function contactDueJobId(payload: ContactDuePayload): string {
  return `contact-${payload.contactKey.replace(/:/g, '_')}`;
}

export const contactDueOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
