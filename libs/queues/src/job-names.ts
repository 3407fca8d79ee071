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
import { DEPARTEMENT_CODE } from '@unisson/vocabulary';

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
  imports: 'imports',
  webhooks: 'webhooks',
  campaigns: 'campaigns',
  letters: 'letters',
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
    payload: z.object({ territory: z.string().regex(DEPARTEMENT_CODE), reestimate: z.boolean(), requestedAt: z.string().datetime() }),
    jobId: (p: { territory: string; reestimate: boolean; requestedAt: string }) =>
      `regroup-${p.territory}-${p.reestimate ? 'relink' : 'apply'}-${Date.parse(p.requestedAt)}`,
    options: retried,
  },
  /** A landlord's uploaded file of alerts: validated row by row, each row handed to intake (resumes after its checkpoint). */
  'bulk-import.run': {
    queue: QUEUES.imports,
    payload: z.object({ importId: z.string().uuid() }),
    jobId: (p: { importId: string }) => `bulk-import-${p.importId}`,
    options: retried,
  },
  /**
   * One signed POST to a partner's webhook endpoint. Retried with exponential backoff and jitter
   * (10 s, 20 s, 40 s… about 1 h 25 in all, ±50 %), then left `failed` in the delivery log.
   */
  'webhook.deliver': {
    queue: QUEUES.webhooks,
    payload: z.object({ deliveryId: z.string().uuid() }),
    jobId: (p: { deliveryId: string }) => `webhook-${p.deliveryId}`,
    options: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    } as JobsOptions,
  },
  /** A launched campaign posts its intents, a batch of households at a time, from its cursor. */
  'campaign.run': {
    queue: QUEUES.campaigns,
    payload: z.object({ campaignId: z.string().uuid(), runAt: z.string().datetime() }),
    jobId: (p: { campaignId: string; runAt: string }) => `campaign-${p.campaignId}-${Date.parse(p.runAt)}`,
    options: retried,
  },
  /**
   * One sender's print batch of one day: letters staged so far claimed, one merged PDF and its
   * manifest produced, handed to the letter provider (resumes where a killed worker stopped).
   */
  'letters.batch': {
    queue: QUEUES.letters,
    payload: z.object({ senderPartnerId: z.string().uuid(), printDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    jobId: (p: { senderPartnerId: string; printDay: string }) => `letters-${p.senderPartnerId}-${p.printDay}`,
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
