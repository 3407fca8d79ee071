import { deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { whileProgressing } from '../../support/free-port';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { startWorkerProcess } from '../../support/processes';

// Bounded by progress (see whileProgressing), not by a guess of how loaded the machine is.
jest.setTimeout(15 * 60_000);

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
    const progress = async () => ({ delivered: delivered(), ...(await statusCounts(db, ids)) });
    await whileProgressing(async () => (delivered() >= 600 ? true : undefined), progress, '600 deliveries');
    await first.kill();
    const atKill = delivered();
    const inFlight = await statusCounts(db, ids);
    // E-mails whose hand-over was recorded when the worker died: the relay may or may not have them.
    const [{ handedOver }] = await db.query(
      `SELECT count(*)::int AS "handedOver" FROM outbound_message WHERE id = ANY($1::uuid[]) AND status = 'sending' AND provider_handover_at IS NOT NULL`,
      [ids],
    );

    bed.processes.push(await startWorkerProcess(env));
    await whileProgressing(
      async () => ((await statusCounts(db, ids)).sent === messages.length ? true : undefined),
      progress,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    const [{ inDoubt }] = await db.query(
      `SELECT count(DISTINCT message_id)::int AS "inDoubt" FROM message_status_event WHERE provider_status = 'unconfirmed'`,
    );
    process.stdout.write(
      `worker SIGKILL: ${atKill} delivered at the kill, ${inFlight.sending ?? 0} left in "sending", ${handedOver} of them e-mails handed over (settled by the relay's log), ${inDoubt} left unconfirmed; after the restart ${JSON.stringify(result)}\n`,
    );
    expect(atKill).toBeLessThan(messages.length);
    expect(result).toEqual({ messages: 2_000, deliveredOnce: 2_000, missing: 0, duplicated: 0 });
  });
});
