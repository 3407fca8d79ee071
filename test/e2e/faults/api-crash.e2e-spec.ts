import { loadConfig } from '@unisson/config';
import { seedDemo } from '../../../scripts/demo-seed';
import { distinctAlerts, postAlert, TestAlert } from '../../support/alerts';
import { eventually } from '../../support/free-port';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { startApiProcess, startWorkerProcess } from '../../support/processes';
import { messagesTo } from '../../support/sealed-rows';

jest.setTimeout(240_000);

/**
 * Fault: the API is SIGKILLed while alerts come in and while Twilio's status callbacks of the
 * first SMS are on their way (they are lost: the sandbox, like Twilio, does not retry them).
 * Retried alerts are answered with the first result; every household gets its SMS once; every
 * SMS ends "delivered", its status fetched from the provider when its callback was lost.
 */
describe('the API killed mid-ingest, with status callbacks pending', () => {
  let bed: FaultBed;
  beforeAll(async () => {
    bed = await startFaultBed('api_crash', { lifecycleDelayMs: 1_500 });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('loses no alert and no delivery status', async () => {
    const { db, sandbox, database } = bed;
    const baseUrl = `http://127.0.0.1:${bed.apiPort}`;
    const env = bed.env();
    const keys = await seedDemo(loadConfig({ DATABASE_URL: database.url }));
    const started = await Promise.all([startApiProcess(env), startWorkerProcess(env)]);
    let api = started[0];
    bed.processes.push(...started);

    const alerts = distinctAlerts(120, 'apicrash');
    const answers = new Map<string, number>();
    const send = (alert: TestAlert) =>
      postAlert(baseUrl, keys['bailleur-93'], alert).then(
        (r) => answers.set(alert.partnerRef, r.status),
        () => undefined,
      );
    // The first half, then the second half in flight while the API is killed.
    await Promise.all(alerts.slice(0, 60).map(send));
    await eventually(() => (sandbox.store.messages.length >= 20 ? true : undefined), 60_000, 'the first SMS');
    const inFlight = Promise.all(alerts.slice(60).map(send));
    await new Promise((r) => setTimeout(r, 30));
    await api.kill();
    await inFlight;
    const answeredBeforeKill = answers.size;
    await new Promise((r) => setTimeout(r, 4_000));
    api = await startApiProcess(env);
    bed.processes.push(api);

    // Partners retry what got no answer, with the same Idempotency-Key.
    const unanswered = alerts.filter((a) => !answers.has(a.partnerRef));
    for (const alert of unanswered) await send(alert);
    const storedBeforeKill = unanswered.filter((a) => answers.get(a.partnerRef) === 200).length;
    const replays = await Promise.all(alerts.slice(60, 70).map((a) => postAlert(baseUrl, keys['bailleur-93'], a)));
    expect([...answers.values()].every((s) => s === 202 || s === 200)).toBe(true);
    expect(answers.size).toBe(alerts.length);
    expect(replays.every((r) => r.status === 200 && r.headers.get('idempotent-replayed') === 'true')).toBe(true);

    const phones = alerts.map((a) => a.phone);
    const settled = await eventually(
      async () => {
        const rows = await messagesTo<{ status: string }>(db, phones, 'status', `channel = 'sms'`);
        const byStatus: Record<string, number> = {};
        for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        return byStatus.delivered === alerts.length ? byStatus : undefined;
      },
      120_000,
      'every SMS delivered',
    );
    const lostCallbacks = sandbox.store.webhooks.filter((w) => w.kind === 'message-status' && w.httpStatus === null).length;
    const [{ polled }] = await db.query(`SELECT count(*)::int AS polled FROM message_status_event WHERE source = 'status_poll'`);
    const [{ submissions }] = await db.query(`SELECT count(*)::int AS submissions FROM partner_submission`);
    const smsPerPhone = phones.map((p) => sandbox.store.messages.filter((m) => m.to === p).length);
    process.stdout.write(
      `API SIGKILL: ${answeredBeforeKill}/${alerts.length} answered before the kill; of the ${unanswered.length} retried, ` +
        `${storedBeforeKill} had been stored (200 replayed), the others 202; ${submissions} submissions stored; ` +
        `status callbacks lost ${lostCallbacks}, statuses fetched from the provider ${polled}; SMS ${JSON.stringify(settled)}; ` +
        `households with exactly one SMS ${smsPerPhone.filter((n) => n === 1).length}/${alerts.length}\n`,
    );
    expect(submissions).toBe(alerts.length);
    expect(lostCallbacks).toBeGreaterThan(0);
    expect(polled).toBeGreaterThan(0);
    expect(smsPerPhone.every((n) => n === 1)).toBe(true);
  });
});
