import { Queue } from 'bullmq';
import { loadConfig } from '@unisson/config';
import { seedDemo } from '../../../scripts/demo-seed';
import { distinctAlerts, postAlert } from '../../support/alerts';
import { deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { eventually } from '../../support/free-port';
import { OwnRedis, startApiProcess, startOwnRedis, startWorkerProcess } from '../../support/processes';

jest.setTimeout(240_000);

/**
 * Fault: Redis (the test's own, no persistence) is killed with 300 of 1,000 messages sent, and
 * comes back empty 4 s later. PostgreSQL is the truth: every message still goes out once, and
 * every planned contact (next week's letters included) and every scheduler gets its job back.
 */
describe('Redis lost without saving, mid-run', () => {
  let bed: FaultBed;
  let redis: OwnRedis;
  const queues: Queue[] = [];
  beforeAll(async () => {
    [bed, redis] = await Promise.all([startFaultBed('redis_loss'), startOwnRedis()]);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await bed?.stop();
    await redis?.stop();
  });

  it('rebuilds every job and scheduler from PostgreSQL: nothing planned is lost, nothing sent twice', async () => {
    const { db, sandbox, database } = bed;
    const prefix = bed.queuePrefix;
    // A horizon of 30 days: every planned contact, next week's letters included, must have its job.
    const env = bed.env(redis.url, { ENQUEUE_HORIZON_MS: String(30 * 24 * 3600_000) });
    const keys = await seedDemo(loadConfig({ DATABASE_URL: database.url }));
    bed.processes.push(...(await Promise.all([startApiProcess(env), startWorkerProcess(env)])));

    // Households with plans: immediate SMS and e-mails, and contacts planned for later.
    const alerts = distinctAlerts(30, 'redisloss');
    for (const alert of alerts) expect((await postAlert(`http://127.0.0.1:${bed.apiPort}`, keys['bailleur-93'], alert)).status).toBe(202);
    await eventually(
      async () => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM partner_submission WHERE processed_at IS NOT NULL`);
        return n === alerts.length ? true : undefined;
      },
      90_000,
      'the alerts processed',
    );
    const plannedBefore: Array<{ contact_key: string }> = await db.query(
      `SELECT contact_key FROM planned_contact WHERE status = 'planned'`,
    );
    expect(plannedBefore.length).toBeGreaterThan(alerts.length);

    const messages = await seedQueuedMessages(db, 1_000);
    await enqueueDispatch(
      redis.url,
      prefix,
      messages.map((m) => m.id),
    );
    const sentOfBatch = () => tally(deliveryCounts(sandbox, messages)).deliveredOnce;
    await eventually(() => (sentOfBatch() >= 300 ? true : undefined), 60_000, '300 of 1,000 sent');
    await redis.kill();
    const atKill = sentOfBatch();
    await new Promise((r) => setTimeout(r, 4_000));
    await redis.restart();
    const backAt = Date.now();

    // Every planned contact has its contact.due job again, and the nightly schedulers are back.
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    const due = new Queue('coordination', { connection, prefix: `{${prefix}:coordination}` });
    const linkage = new Queue('linkage', { connection, prefix: `{${prefix}:linkage}` });
    queues.push(due, linkage);
    const rebuiltAfter = await eventually(
      async () => {
        const planned: Array<{ contact_key: string }> = await db.query(`SELECT contact_key FROM planned_contact WHERE status = 'planned'`);
        const jobs = await Promise.all(planned.map((c) => due.getJob(`contact-${c.contact_key}`)));
        const schedulers = await linkage.getJobSchedulers();
        return jobs.every(Boolean) && schedulers.length >= 3 ? Date.now() - backAt : undefined;
      },
      30_000,
      'every planned contact and scheduler rebuilt',
    );

    await eventually(
      async () => {
        const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM outbound_message WHERE status IN ('queued', 'sending')`);
        return pending === 0 &&
          (
            await statusCounts(
              db,
              messages.map((m) => m.id),
            )
          ).sent === messages.length
          ? true
          : undefined;
      },
      120_000,
      'every message sent, the 1,000 and those of the alerts',
    );
    const batch = tally(deliveryCounts(sandbox, messages));
    const perRecipient = new Map<string, number>();
    for (const m of sandbox.store.messages) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    const alertSms = alerts.map((a) => perRecipient.get(a.phone) ?? 0);
    process.stdout.write(
      `Redis loss: ${atKill}/1000 sent at the kill; planned contacts ${plannedBefore.length} and schedulers rebuilt ${rebuiltAfter} ms after Redis came back; ` +
        `after: ${JSON.stringify(batch)}; alert SMS once: ${alertSms.filter((n) => n === 1).length}/${alerts.length}\n`,
    );
    expect(atKill).toBeLessThan(1_000);
    expect(batch).toEqual({ messages: 1_000, deliveredOnce: 1_000, missing: 0, duplicated: 0 });
    expect(alertSms.every((n) => n === 1)).toBe(true);
    expect(rebuiltAfter).toBeLessThan(30_000);
  });
});
