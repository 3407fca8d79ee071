import { loadConfig } from '@unisson/config';
import { seedDemo } from '../../scripts/demo-seed';
import { distinctAlerts, postAlert } from '../support/alerts';
import { eventually } from '../support/free-port';
import { FaultBed, startFaultBed } from '../support/fault-bed';
import { startApiProcess, startWorkerProcess } from '../support/processes';

jest.setTimeout(180_000);

/**
 * The end-to-end flows with failures forced on purpose (a table missing under the API and under
 * the worker, providers failing, malformed and forged requests, an opt-out), then every log line
 * of the API and the worker searched for the personal data that was posted.
 */
describe('no personal data in logs, failures included', () => {
  let bed: FaultBed;
  beforeAll(async () => {
    bed = await startFaultBed('log_scan', { lifecycleDelayMs: 100 });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('logs what happened by ids, codes and query names only', async () => {
    const { db, sandbox, database } = bed;
    const baseUrl = `http://127.0.0.1:${bed.apiPort}`;
    const env = bed.env(undefined, { LOG_LEVEL: 'debug' });
    const keys = await seedDemo(loadConfig({ DATABASE_URL: database.url }));
    const [api, worker] = await Promise.all([startApiProcess(env), startWorkerProcess(env)]);
    bed.processes.push(api, worker);
    const landlord = keys['bailleur-93'];
    const alerts = distinctAlerts(16, 'logscan').map((a, i) => ({
      ...a,
      body: { ...a.body, tenant: { ...(a.body.tenant as object), birthDate: `19${60 + i}-0${(i % 9) + 1}-1${i % 10}` } },
    }));

    // 1. The worker's household-matching table disappears for a while: intake processing fails, then recovers.
    await db.query(`ALTER TABLE linkage_record RENAME TO linkage_record_away`);
    for (const alert of alerts.slice(0, 8)) expect((await postAlert(baseUrl, landlord, alert)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 2_500));
    await db.query(`ALTER TABLE linkage_record_away RENAME TO linkage_record`);

    // 2. The API's inbox disappears: alerts fail with a 500, are retried and land.
    await db.query(`ALTER TABLE partner_submission RENAME TO partner_submission_away`);
    const failed = await Promise.all(alerts.slice(8, 12).map((a) => postAlert(baseUrl, landlord, a)));
    expect(failed.map((r) => r.status)).toEqual([500, 500, 500, 500]);
    await db.query(`ALTER TABLE partner_submission_away RENAME TO partner_submission`);
    for (const alert of alerts.slice(8, 12)) expect((await postAlert(baseUrl, landlord, alert)).status).toBe(202);

    // 3. Providers fail on part of the sends.
    sandbox.faults.configure({
      seed: 7,
      twilio: { rate: 0.4, kinds: ['500', '500-after-create', 'timeout-after-create'], delayMs: 2_000 },
      smtp: { rate: 0.4, kinds: ['451-after-data', '554-greeting'], delayMs: 0 },
    });
    for (const alert of alerts.slice(12)) expect((await postAlert(baseUrl, landlord, alert)).status).toBe(202);

    // 4. Malformed, forged and opting-out requests.
    const nul = {
      ...alerts[0].body,
      partnerRef: 'NUL-1',
      tenant: { lastName: `${(alerts[0].body.tenant as unknown as { lastName: string }).lastName}\u0000`, firstName: 'X' },
    };
    expect((await postAlert(baseUrl, landlord, { ...alerts[0], body: nul }, 'nul-00001')).status).toBe(400);
    const yearZero = { ...alerts[1].body, partnerRef: 'Y0-1', arrears: { amount: 10, firstUnpaidOn: '0000-01-01' } };
    expect((await postAlert(baseUrl, landlord, { ...alerts[1], body: yearZero }, 'year-00001')).status).toBe(400);
    const forged = await fetch(`${baseUrl}/v1/webhooks/twilio/inbound-sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ From: alerts[2].phone, Body: `STOP ${alerts[2].email}` }).toString(),
    });
    expect(forged.status).toBe(403);
    // A household's response-page link holds its credential in the path: opening one must not write it down.
    const pageToken = 'rTweu3ZnlI2ZadLna9kqw8nEASewL3aX';
    expect((await fetch(`${baseUrl}/r/${pageToken}`)).status).toBe(404);

    await eventually(
      async () => {
        const [{ pending }] = await db.query(
          `SELECT (SELECT count(*) FROM partner_submission WHERE processed_at IS NULL)::int
                + (SELECT count(*) FROM outbound_message WHERE status IN ('queued', 'sending'))::int AS pending`,
        );
        const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM outbound_message WHERE status NOT IN ('queued', 'sending')`);
        return pending === 0 && sent >= alerts.length * 2 ? true : undefined;
      },
      120_000,
      'every alert processed and its messages sent',
    );
    sandbox.faults.clear();
    await sandbox.simulateInboundSms(alerts[3].phone, 'STOP');
    await new Promise((r) => setTimeout(r, 1_500));

    const lines = [...api.lines, ...worker.lines];
    const personal = alerts.flatMap((a) => {
      const body = a.body as { tenant: { lastName: string; firstName: string; birthDate: string }; address: { street: string } };
      return [body.tenant.lastName, body.tenant.firstName, body.tenant.birthDate, body.address.street, a.email, a.phone, a.phone.slice(3)];
    });
    personal.push(pageToken);
    const leaks = lines.filter((line) => personal.some((value) => line.toLowerCase().includes(value.toLowerCase())));
    const failures = lines.filter((line) => /database query failed|DatabaseError|request failed/.test(line));
    process.stdout.write(
      `log scan: ${lines.length} log lines, ${failures.length} about database failures, ${personal.length} personal values searched, ${leaks.length} leaks\n`,
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
