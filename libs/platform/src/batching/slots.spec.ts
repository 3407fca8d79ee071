import { Slots } from './slots';

describe('Slots', () => {
  it('lets `limit` holders in per key, the next ones in arrival order as slots are released', async () => {
    const slots = new Slots();
    const order: string[] = [];
    const a = await slots.acquire('email', 2);
    const b = await slots.acquire('email', 2);
    const sms = await slots.acquire('sms', 2);
    const c = slots.acquire('email', 2).then((release) => (order.push('c'), release));
    const d = slots.acquire('email', 2).then((release) => (order.push('d'), release));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    expect(slots.usage('email')).toEqual({ held: 2, waiting: 2 });
    a();
    a(); // twice: released once
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(slots.usage('email')).toEqual({ held: 2, waiting: 1 });
    b();
    (await d)();
    releaseC();
    sms();
    expect(slots.usage('email')).toEqual({ held: 0, waiting: 0 });
    expect(slots.usage('sms')).toEqual({ held: 0, waiting: 0 });
  });
});
