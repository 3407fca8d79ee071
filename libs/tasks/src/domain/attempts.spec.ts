import { afterAttempt, attemptPermission, AttemptRules, RETRY_AFTER_MS } from './attempts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T10:00:00Z');
const rules: AttemptRules = { maxAttempts: 4, windowDays: 30, pauseAfterRefusalDays: 60 };

describe('attempts caps', () => {
  it('allows a fourth attempt in 30 days, not a fifth, until the oldest drops out of the window', () => {
    const three = [1, 5, 9].map((d) => ({ at: NOW - d * DAY, outcome: 'no_answer' as const }));
    expect(attemptPermission(three, rules, NOW)).toEqual({ allowed: true });
    const four = [...three, { at: NOW - 20 * DAY, outcome: 'voicemail' as const }];
    expect(attemptPermission(four, rules, NOW)).toEqual({ allowed: false, reason: 'cap', until: NOW - 20 * DAY + 30 * DAY });
    const oldOnes = [31, 40, 50, 60].map((d) => ({ at: NOW - d * DAY, outcome: 'no_answer' as const }));
    expect(attemptPermission(oldOnes, rules, NOW)).toEqual({ allowed: true });
  });

  it('pauses 60 days after a refusal', () => {
    const refused = [{ at: NOW - 10 * DAY, outcome: 'refused' as const }];
    expect(attemptPermission(refused, rules, NOW)).toEqual({ allowed: false, reason: 'refusalPause', until: NOW + 50 * DAY });
    expect(attemptPermission([{ at: NOW - 61 * DAY, outcome: 'refused' as const }], rules, NOW)).toEqual({ allowed: true });
  });

  it('retries an unanswered call the next day, a requested call-back at its time, and stops at the cap', () => {
    const one = [{ at: NOW, outcome: 'no_answer' as const }];
    expect(afterAttempt('no_answer', one, rules, NOW)).toEqual({ kind: 'retry', notBefore: NOW + RETRY_AFTER_MS });
    const callback = NOW + 3 * 3_600_000;
    expect(afterAttempt('callback_requested', one, rules, NOW, { callbackAt: callback })).toEqual({ kind: 'retry', notBefore: callback });
    const four = [0, 1, 2, 3].map((d) => ({ at: NOW - d * DAY, outcome: 'no_answer' as const }));
    expect(afterAttempt('no_answer', four, rules, NOW)).toEqual({ kind: 'done', exhausted: true });
  });

  it('ends the task when the next attempt would come after its deadline, and at once for final outcomes', () => {
    const one = [{ at: NOW, outcome: 'voicemail' as const }];
    expect(afterAttempt('voicemail', one, rules, NOW, { deadline: NOW + 3_600_000 })).toEqual({ kind: 'done', exhausted: true });
    expect(afterAttempt('reached', one, rules, NOW)).toEqual({ kind: 'done', exhausted: false });
    expect(afterAttempt('wrong_number', one, rules, NOW)).toEqual({ kind: 'done', exhausted: false });
  });
});
