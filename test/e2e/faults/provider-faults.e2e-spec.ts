import { deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { eventually } from '../../support/free-port';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { startWorkerProcess } from '../../support/processes';

jest.setTimeout(240_000);

const TWILIO_FAULTS = ['500', '500-after-create', '429', 'timeout-after-create', 'timeout-drop'] as const;
const SMTP_FAULTS = ['421-greeting', '554-greeting', '451-after-data', 'timeout-after-data'] as const;

/**
 * Fault: the Twilio-compatible server and the SMTP server answer 5xx, 429 and time out (with
 * and without having taken the message) on a quarter of the requests. Every message still
 * reaches its provider exactly once.
 */
describe('providers answering 5xx, 429 and timeouts', () => {
  let bed: FaultBed;
  beforeAll(async () => {
    bed = await startFaultBed('provider_faults');
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('sends each message once although a quarter of the calls fail, some after the provider took the message', async () => {
    const { db, sandbox } = bed;
    const env = bed.env(undefined, { PROVIDER_TIMEOUT_MS: '1000' });
    sandbox.faults.configure({
      seed: 2026,
      twilio: { rate: 0.25, kinds: [...TWILIO_FAULTS], delayMs: 1_600 },
      smtp: { rate: 0.25, kinds: [...SMTP_FAULTS], delayMs: 1_600 },
    });
    const messages = await seedQueuedMessages(db, 500);
    const ids = messages.map((m) => m.id);
    bed.processes.push(await startWorkerProcess(env));
    await enqueueDispatch(env.REDIS_URL, bed.queuePrefix, ids);

    await eventually(
      async () => ((await statusCounts(db, ids)).sent === messages.length ? true : undefined),
      200_000,
      'every message sent',
    );
    const result = tally(deliveryCounts(sandbox, messages));
    const [{ inDoubt }] = await db.query(
      `SELECT count(DISTINCT message_id)::int AS "inDoubt" FROM message_status_event WHERE provider_status = 'unconfirmed'`,
    );
    process.stdout.write(
      `provider faults injected ${JSON.stringify(sandbox.faults.injected)}; e-mails sent in doubt (not resent) ${inDoubt}; ${JSON.stringify(result)}\n`,
    );
    for (const kind of [...TWILIO_FAULTS, ...SMTP_FAULTS]) expect(sandbox.faults.injected[kind]).toBeGreaterThan(0);
    expect(result).toEqual({ messages: 500, deliveredOnce: 500, missing: 0, duplicated: 0 });
  });
});
