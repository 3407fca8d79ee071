/**
 * Redis holds only what PostgreSQL can rebuild. Each capability that keeps work in a queue
 * implements a `JobReconciler`: it reads from its own tables what must have a job (or a
 * repeatable scheduler) and makes sure it has one. The worker runs every reconciler on a timer
 * of its own (not a Redis scheduler, which an emptied Redis would lose with the rest).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export abstract class JobReconciler {
  /** Names the reconciler in logs. */
  abstract readonly name: string;
  /** Re-adds what is missing; returns how many jobs or schedulers it had to rebuild. */
  abstract reconcile(now: Date): Promise<number>;
}

export interface WantedJob {
  name: string;
  data: Record<string, unknown>;
  opts: { jobId: string; delay?: number } & Record<string, unknown>;
}

/**
 * Adds the wanted jobs that Redis does not hold. A job that Redis holds as finished (completed
 * or failed) while the database still says the work is pending is replaced, once it finished
 * more than `refinishAfterMs` ago (a poison job is then retried at that pace, never lost).
 */
export async function ensureJobs(queue: Queue, wanted: readonly WantedJob[], refinishAfterMs: number, now = Date.now()): Promise<number> {
  if (wanted.length === 0) return 0;
  const client = (await queue.client) as unknown as Redis;
  const pipeline = client.pipeline();
  for (const job of wanted) pipeline.hmget(queue.toKey(job.opts.jobId), 'name', 'finishedOn');
  const states = (await pipeline.exec()) ?? [];
  const missing: WantedJob[] = [];
  const stale: WantedJob[] = [];
  wanted.forEach((job, i) => {
    const [error, value] = states[i] ?? [null, null];
    if (error) throw error;
    const [name, finishedOn] = (value as [string | null, string | null] | null) ?? [null, null];
    if (name === null) missing.push(job);
    else if (finishedOn !== null && now - Number(finishedOn) > refinishAfterMs) stale.push(job);
  });
  for (const job of stale) await queue.remove(job.opts.jobId).catch(() => 0);
  const toAdd = [...missing, ...stale];
  for (let i = 0; i < toAdd.length; i += 500) await queue.addBulk(toAdd.slice(i, i + 500));
  return toAdd.length;
}
