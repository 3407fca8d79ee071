import { distinctAlerts } from '../support/alerts';
import { eventually } from '../support/free-port';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(240_000);

/**
 * Intake runs 8 jobs at once. A job that held its transaction's connection while household
 * matching (or a partner lookup) waited for a second one deadlocked as soon as the pool had no
 * more than 8 connections: every connection held by a transaction, every transaction waiting.
 * With one connection per job, a pool of 2 is slow but never stuck.
 */
describe('intake takes one database connection per job', () => {
  let stack: UnissonStack;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_intake_pool', { DATABASE_POOL_SIZE: '2', API_RATE_LIMIT_PER_SECOND: '100000' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('processes 40 alerts posted at once with a pool of 2 connections and 8 concurrent jobs', async () => {
    const alerts = distinctAlerts(40, 'pool');
    const answers = await Promise.all(
      alerts.map((a) =>
        fetch(`${stack.baseUrl}/v1/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` },
          body: JSON.stringify(a.body),
        }).then((r) => r.status),
      ),
    );
    expect(answers).toEqual(alerts.map(() => 202));
    const processed = await eventually(
      async () => {
        const [row] = await stack.db.query(
          `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS done, count(*) FILTER (WHERE error_code IS NOT NULL)::int AS failed
             FROM partner_submission WHERE kind = 'alert'`,
        );
        return row.done === alerts.length ? (row as { done: number; failed: number }) : undefined;
      },
      120_000,
      'every alert processed (a deadlocked intake processes none past the first few)',
    );
    expect(processed).toEqual({ done: 40, failed: 0 });
    const [{ households }] = await stack.db.query(
      `SELECT count(DISTINCT household_id)::int AS households FROM partner_record WHERE partner_ref LIKE 'POOL-%'`,
    );
    expect(households).toBe(40);
  });
});
