import { effectiveState, mayHoldAnother, TaskLife, transition } from './task-life';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const pending: TaskLife = { state: 'pending', agent: null, reservedUntil: null, notBefore: T0, cancelReason: null };
const RES = 15 * 60_000;

function step(task: TaskLife, event: Parameters<typeof transition>[1]): TaskLife {
  const result = transition(task, event);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
  return result.next;
}

describe('task life (TaskRouter-like)', () => {
  it('goes pending → reserved → assigned → wrap_up → completed for the caller who holds it', () => {
    let task = step(pending, { type: 'claim', agent: 'account:a', at: T0, reservationMs: RES });
    expect(task).toMatchObject({ state: 'reserved', agent: 'account:a', reservedUntil: T0 + RES });
    task = step(task, { type: 'start', agent: 'account:a', at: T0 + 1000 });
    expect(task.state).toBe('assigned');
    task = step(task, { type: 'outcome', agent: 'account:a', at: T0 + 2000 });
    expect(task.state).toBe('wrap_up');
    task = step(task, { type: 'complete', agent: 'account:a', at: T0 + 3000 });
    expect(task.state).toBe('completed');
  });

  it('hands a reservation back once it timed out: another caller may claim it, the first may no longer start it', () => {
    const reserved = step(pending, { type: 'claim', agent: 'account:a', at: T0, reservationMs: RES });
    expect(effectiveState(reserved, T0 + RES - 1)).toBe('reserved');
    expect(effectiveState(reserved, T0 + RES)).toBe('pending');
    const late = transition(reserved, { type: 'start', agent: 'account:a', at: T0 + RES + 1 });
    expect(late).toMatchObject({ ok: false, code: 'reservation_expired' });
    const other = step(reserved, { type: 'claim', agent: 'account:b', at: T0 + RES + 1, reservationMs: RES });
    expect(other.agent).toBe('account:b');
  });

  it('refuses a claim of a task someone holds, and moves of a task held by someone else', () => {
    const reserved = step(pending, { type: 'claim', agent: 'account:a', at: T0, reservationMs: RES });
    expect(transition(reserved, { type: 'claim', agent: 'account:b', at: T0 + 1, reservationMs: RES })).toMatchObject({
      ok: false,
      code: 'not_claimable',
    });
    expect(transition(reserved, { type: 'outcome', agent: 'account:b', at: T0 + 1 })).toMatchObject({ ok: false, code: 'not_yours' });
    expect(transition(reserved, { type: 'release', agent: 'account:b', at: T0 + 1 })).toMatchObject({ ok: false, code: 'not_yours' });
  });

  it('does not let a task be claimed before its next attempt is due', () => {
    const later = { ...pending, notBefore: T0 + 3_600_000 };
    expect(transition(later, { type: 'claim', agent: 'account:a', at: T0, reservationMs: RES })).toMatchObject({
      ok: false,
      code: 'not_due',
    });
  });

  it('release and retry put the task back to pending without a holder', () => {
    const reserved = step(pending, { type: 'claim', agent: 'account:a', at: T0, reservationMs: RES });
    expect(step(reserved, { type: 'release', agent: 'account:a', at: T0 + 5 })).toMatchObject({ state: 'pending', agent: null });
    const wrap = step(reserved, { type: 'outcome', agent: 'account:a', at: T0 + 5 });
    const retry = step(wrap, { type: 'retry', at: T0 + 6, notBefore: T0 + 86_400_000 });
    expect(retry).toMatchObject({ state: 'pending', agent: null, notBefore: T0 + 86_400_000 });
  });

  it('is cancelled with its reason while nobody noted an outcome, never after', () => {
    const cancelled = step(pending, { type: 'cancel', at: T0, reason: 'le ménage a répondu' });
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'le ménage a répondu' });
    const wrap = step(step(pending, { type: 'claim', agent: 'k', at: T0, reservationMs: RES }), { type: 'outcome', agent: 'k', at: T0 });
    expect(transition(wrap, { type: 'cancel', at: T0, reason: 'x' }).ok).toBe(false);
    expect(transition(cancelled, { type: 'claim', agent: 'k', at: T0, reservationMs: RES }).ok).toBe(false);
  });

  it('caps the households one caller holds, counting a household once', () => {
    const held = new Set(['h1', 'h2']);
    expect(mayHoldAnother(held, 'h3', 2)).toBe(false);
    expect(mayHoldAnother(held, 'h2', 2)).toBe(true);
    expect(mayHoldAnother(held, 'h3', 3)).toBe(true);
  });
});
