import { deliveryCounts, enqueueDispatch, seedQueuedMessages, statusCounts, tally } from '../../support/dispatch-workload';
import { whileProgressing } from '../../support/free-port';
import { FaultBed, startFaultBed } from '../../support/fault-bed';
import { withAdmin } from '../../support/postgres-admin';
import { startWorkerProcess } from '../../support/processes';

// Bounded by progress (see whileProgressing), not by a guess of how loaded the machine is.
jest.setTimeout(15 * 60_000);

/**
 * Fault: every PostgreSQL connection of the worker is terminated (pg_terminate_backend on the
 * test's own database) every 400 ms for 6 s while 2,000 messages are sent.
 */
describe('PostgreSQL connections killed mid-run', () => {
  let bed: FaultBed;
  beforeAll(async () => {
    bed = await startFaultBed('pg_kill');
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('delivers each of 2,000 messages exactly once while the worker keeps losing its connections', async () => {
    const { db, sandbox, database } = bed;
    const env = bed.env();
    const messages = await seedQueuedMessages(db, 2_000);
    const ids = messages.map((m) => m.id);
    const worker = await startWorkerProcess(env);
    bed.processes.push(worker);
    await enqueueDispatch(env.REDIS_URL, bed.queuePrefix, ids);
    const delivered = () => sandbox.store.messages.length + sandbox.store.emails.length;
    const progress = async () => ({ delivered: delivered(), ...(await statusCounts(db, ids)) });
    await whileProgressing(async () => (delivered() >= 200 ? true : undefined), progress, '200 sent');

    let terminated = 0;
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      terminated += await withAdmin(async (admin) => {
        const rows = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'unisson-worker'`,
          [database.name],
        );
        return rows.rowCount ?? 0;
      });
      await new Promise((r) => setTimeout(r, 400));
    }

    await whileProgressing(
      async () => {
        // A connection terminated under it once crashed the worker (an 'error' event nobody heard).
        if (worker.child.exitCode !== null) throw new Error(`the worker died (exit ${worker.child.exitCode})`);
        return (await statusCounts(db, ids)).sent === messages.length ? true : undefined;
      },
      progress,
      'every message sent',
    ).catch(async (error: unknown) => {
      // What the worker was doing when it stopped: its last lines and its connections.
      const activity = await db.query(
        `SELECT state, wait_event_type, wait_event, left(query, 60) AS query FROM pg_stat_activity WHERE datname = $1 AND application_name = 'unisson-worker'`,
        [database.name],
      );
      process.stdout.write(
        `worker connections: ${JSON.stringify(activity)}\nworker's last lines:\n${worker.lines.slice(-40).join('\n')}\n`,
      );
      throw error;
    });
    const result = tally(deliveryCounts(sandbox, messages));
    process.stdout.write(`PostgreSQL connections killed: ${terminated} terminated; ${JSON.stringify(result)}\n`);
    expect(terminated).toBeGreaterThan(5);
    expect(result).toEqual({ messages: 2_000, deliveredOnce: 2_000, missing: 0, duplicated: 0 });
    expect(worker.child.exitCode).toBeNull();
    // The failures were logged without a recipient (database errors by query name and code).
    expect(worker.lines.some((line) => line.includes('database query failed') || line.includes('DatabaseError'))).toBe(true);
    expect(worker.lines.filter((line) => messages.some((m) => line.includes(m.recipient)))).toEqual([]);
  });
});
