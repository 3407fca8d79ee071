import { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import {
  contactDueJobId,
  contactDueOptions,
  contactDuePayload,
  contactHandOffJobId,
  contactHandOffOptions,
  CONTACT_HANDOFF_QUEUE,
} from '@unisson/coordination';

/**
 * Every background job of Unisson: its queue, its payload schema and its default options.
 * A job's id is derived from its payload so that enqueuing the same work twice is a no-op.
 */
export const QUEUES = {
  intake: 'intake',
  dispatch: 'dispatch',
  linkage: 'linkage',
  coordination: 'coordination',
  handoff: CONTACT_HANDOFF_QUEUE,
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Retries back off exponentially with jitter, so that a provider coming back is not hit by every retry at once. */
const retried: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const JOBS = {
  'submission.received': {
    queue: QUEUES.intake,
    payload: z.object({ submissionId: z.string().uuid() }),
    jobId: (p: { submissionId: string }) => `submission-${p.submissionId}`,
    options: retried,
  },
  'message.dispatch': {
    queue: QUEUES.dispatch,
    payload: z.object({ messageId: z.string().uuid() }),
    jobId: (p: { messageId: string }) => `message-${p.messageId}`,
    options: retried,
  },
  /** A planned contact reached its send window (coordination engine; delayed job). */
  'contact.due': {
    queue: QUEUES.coordination,
    payload: contactDuePayload,
    jobId: contactDueJobId,
    options: contactDueOptions,
  },
  /** A due contact was marked handed off: messaging words it and stores its message (outside the row lock). */
  'contact.handoff': {
    queue: QUEUES.handoff,
    payload: contactDuePayload,
    jobId: contactHandOffJobId,
    options: contactHandOffOptions,
  },
  /**
   * Bring households in step with household matching for a territory: re-estimate and re-link
   * first (nightly, or `npm run relink`), or only apply the current groups (after a human review).
   */
  'households.regroup': {
    queue: QUEUES.linkage,
    payload: z.object({ territory: z.string().regex(/^(\d{2}|2A|2B|97\d)$/), reestimate: z.boolean(), requestedAt: z.string().datetime() }),
    jobId: (p: { territory: string; reestimate: boolean; requestedAt: string }) =>
      `regroup-${p.territory}-${p.reestimate ? 'relink' : 'apply'}-${Date.parse(p.requestedAt)}`,
    options: retried,
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** The BullMQ `add` arguments for a job, validated. */
export function jobSpec<N extends JobName>(name: N, payload: JobPayload<N>) {
  const definition = JOBS[name];
  const data = definition.payload.parse(payload) as JobPayload<N>;
  return {
    name,
    data,
    opts: { ...definition.options, jobId: (definition.jobId as (p: JobPayload<N>) => string)(data) },
  };
}

export function jobNamesOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}
