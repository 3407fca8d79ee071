import { deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { eventually } from '../../support/free-port';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { startWorkerProcess } from '../../support/processes';

jest.setTimeout(180_000);

/**
 * Fault: the worker is SIGKILLed in the middle of a batch of 2,000 messages (1,000 SMS, 1,000
 * e-mails), then restarted. Counted at the local providers: every message exactly once.
 */
describe('a worker killed mid-batch', () => {
  let bed: FaultBed;
  beforeAll(async () => {
    bed = await startFaultBed('worker_crash');
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('delivers each of 2,000 messages exactly once after a SIGKILL and a restart', async () => {
    const { db, sandbox } = bed;
    const env = bed.env();
    const messages = await seedQueuedMessages(db, 2_000);
    const ids = messages.map((m) => m.id);
    const first = await startWorkerProcess(env);
    bed.processes.push(first);
    await enqueueDispatch(env.REDIS_URL, bed.queuePrefix, ids);

    const delivered = () => sandbox.store.messages.length + sandbox.store.emails.length;
    await eventually(() => (delivered() >= 600 ? true : undefined), 60_000, '600 deliveries');
    await first.kill();
    const atKill = delivered();
    const inFlight = await statusCounts(db, ids);

    bed.processes.push(await startWorkerProcess(env));
    await eventually(
      async () => ((await statusCounts(db, ids)).sent === messages.length ? true : undefined),
      120_000,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    const [{ inDoubt }] = await db.query(
      `SELECT count(DISTINCT message_id)::int AS "inDoubt" FROM message_status_event WHERE provider_status = 'unconfirmed'`,
    );
    process.stdout.write(
      `worker SIGKILL: ${atKill} delivered at the kill, ${inFlight.sending ?? 0} left in "sending" (${inDoubt} e-mails past their final dot, not resent); after the restart ${JSON.stringify(result)}\n`,
    );
    expect(atKill).toBeLessThan(messages.length);
    expect(result).toEqual({ messages: 2_000, deliveredOnce: 2_000, missing: 0, duplicated: 0 });
  });
});
