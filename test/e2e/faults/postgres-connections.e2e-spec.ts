import { deliveryCounts, tally } from '../../support/dispatch-workload';
import { whileProgressing } from '../../support/free-port';
import { FaultBed, sendThroughWorker, startFaultBed } from '../../support/fault-bed';
import { withAdmin } from '../../support/postgres-admin';

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
    const { messages, worker, delivered, progress, untilEverySent } = await sendThroughWorker(bed, bed.env(), 2_000);
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

    // What the worker was doing if it stops: its connections, then its last lines.
    await untilEverySent(async () => {
      const activity = await db.query(
        `SELECT state, wait_event_type, wait_event, left(query, 60) AS query FROM pg_stat_activity WHERE datname = $1 AND application_name = 'unisson-worker'`,
        [database.name],
      );
      return `worker connections: ${JSON.stringify(activity)}\n`;
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
