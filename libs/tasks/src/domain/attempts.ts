/**
 * Attempts caps: at most N attempts per rolling window on a household and channel (4 calls per
 * 30 days in the national playbook), and a pause after a refusal (60 days). Pure.
 */
import { DAY_MS } from '@unisson/coordination';
import { effectOf, TaskOutcome } from './outcomes';

export interface AttemptRules {
  maxAttempts: number;
  windowDays: number;
  pauseAfterRefusalDays: number;
}

/** Earlier attempts on the household and channel, epoch ms, with their outcome. */
export interface PastAttempt {
  at: number;
  outcome: TaskOutcome;
}

export type AttemptPermission = { allowed: true } | { allowed: false; until: number; reason: 'cap' | 'refusalPause' };

/** May someone make a new attempt at `now`, and if not, from when? */
export function attemptPermission(past: readonly PastAttempt[], rules: AttemptRules, now: number): AttemptPermission {
  const lastRefusal = Math.max(-Infinity, ...past.filter((a) => effectOf(a.outcome).refusal).map((a) => a.at));
  const pauseEnd = lastRefusal + rules.pauseAfterRefusalDays * DAY_MS;
  if (pauseEnd > now) return { allowed: false, until: pauseEnd, reason: 'refusalPause' };
  const windowMs = rules.windowDays * DAY_MS;
  const inWindow = past
    .filter((a) => effectOf(a.outcome).countsAsAttempt && a.at > now - windowMs)
    .map((a) => a.at)
    .sort((a, b) => a - b);
  if (inWindow.length < rules.maxAttempts) return { allowed: true };
  // The window frees a place when the oldest attempts that fill it drop out.
  return { allowed: false, until: inWindow[inWindow.length - rules.maxAttempts] + windowMs, reason: 'cap' };
}

export type AttemptDecision = { kind: 'retry'; notBefore: number } | { kind: 'done'; exhausted: boolean };

/** How long after an attempt without an answer the next one is made, at the earliest. */
export const RETRY_AFTER_MS = 20 * 3_600_000;

/**
 * After an attempt (already in `past`): another attempt of the same task, or done. A call-back
 * requested at a time is tried then. Once the cap is reached (or the refusal pause started), or
 * when the next attempt would fall after the task's deadline, the task is done, unreachable.
 */
export function afterAttempt(
  outcome: TaskOutcome,
  past: readonly PastAttempt[],
  rules: AttemptRules,
  now: number,
  options: { callbackAt?: number | null; deadline?: number | null } = {},
): AttemptDecision {
  if (effectOf(outcome).next === 'done') return { kind: 'done', exhausted: false };
  if (!attemptPermission(past, rules, now).allowed) return { kind: 'done', exhausted: true };
  const notBefore = outcome === 'callback_requested' && options.callbackAt ? Math.max(options.callbackAt, now) : now + RETRY_AFTER_MS;
  if (options.deadline && notBefore > options.deadline) return { kind: 'done', exhausted: true };
  return { kind: 'retry', notBefore };
}
