import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { ExperimentsRepository } from '@unisson/experiments';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { AnalyticsFilter, AnalyticsRepository } from './analytics.repository';

let database: IsolatedDatabase;
let dataSource: DataSource;
let analytics: AnalyticsRepository;
let experiments: ExperimentsRepository;

const EVENTS = ['premier_impaye', 'commandement_de_payer', 'assignation', 'audience'];
const TERRITORIES = ['93', '38'];
const DAY = 86_400_000;
const BASE = Date.parse('2026-03-01T00:00:00Z');
let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
/** A count map without its zeros (a step no household reached is absent either way). */
const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));

/** Periods a user asks for: whole days, partial first and last days, one territory or all, shorter than a day. */
const periods = (): AnalyticsFilter[] =>
  [null, '93', '38'].flatMap((territory) => [
    { territory, from: new Date(BASE), to: new Date(BASE + 40 * DAY) },
    { territory, from: new Date(BASE + 3 * DAY + 5 * 3_600_000), to: new Date(BASE + 21 * DAY + 17 * 3_600_000) },
    { territory, from: new Date(BASE + 9 * DAY + 3_600_000), to: new Date(BASE + 9 * DAY + 20 * 3_600_000) },
  ]);

async function expectFunnelEqualsScratch(): Promise<void> {
  for (const f of periods()) {
    const [rolled, scratch] = await Promise.all([analytics.funnel(f, EVENTS), analytics.funnelFromScratch(f, EVENTS)]);
    expect({ f, counts: nonZero(rolled) }).toEqual({ f, counts: nonZero(scratch) });
  }
}

const stageUpsert = (rows: Array<{ household: string; event: string; territory: string; at: Date }>) =>
  dataSource.query(
    `INSERT INTO analytics_stage (household_id, event, territory, housing_sector, occurred_at)
     SELECT household_id, event, territory, NULL, occurred_at FROM jsonb_to_recordset($1::jsonb) AS e(household_id uuid, event text, territory text, occurred_at timestamptz)
     ON CONFLICT (household_id, event) DO UPDATE SET occurred_at = LEAST(analytics_stage.occurred_at, EXCLUDED.occurred_at)`,
    [JSON.stringify(rows.map((r) => ({ household_id: r.household, event: r.event, territory: r.territory, occurred_at: r.at })))],
  );
const responseInsert = (rows: Array<{ household: string; kind: string; at: Date }>) =>
  dataSource.query(
    `INSERT INTO analytics_response (response_id, household_id, kind, source, occurred_at)
     SELECT gen_random_uuid(), household_id, kind, 'partner', occurred_at FROM jsonb_to_recordset($1::jsonb) AS r(household_id uuid, kind text, occurred_at timestamptz)`,
    [JSON.stringify(rows.map((r) => ({ household_id: r.household, kind: r.kind, occurred_at: r.at })))],
  );

beforeAll(async () => {
  database = await createIsolatedDatabase('rollups');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 }));
  await dataSource.initialize();
  analytics = new AnalyticsRepository(dataSource);
  experiments = new ExperimentsRepository(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('the funnel’s counters kept by PostgreSQL', () => {
  const households = Array.from({ length: 300 }, () => randomUUID());

  it('equal a count from the rows after inserts, earlier dates, presence at the hearing, deletions and updates', async () => {
    await expectFunnelEqualsScratch();
    // Batches as the projector writes them: several events per household, some reported twice with an earlier date.
    for (let batch = 0; batch < 6; batch++) {
      await stageUpsert(
        Array.from({ length: 120 }, () => ({
          household: pick(households),
          event: pick(EVENTS),
          territory: pick(TERRITORIES),
          at: new Date(BASE + Math.floor(rnd() * 40 * DAY)),
        })).filter((r, i, all) => all.findIndex((o) => o.household === r.household && o.event === r.event) === i),
      );
      await responseInsert(
        Array.from({ length: 60 }, () => ({
          household: pick(households),
          kind: pick(['present_at_hearing', 'present_at_hearing', 'dsf_done', 'sms_replied']),
          at: new Date(BASE + Math.floor(rnd() * 40 * DAY)),
        })),
      );
      await expectFunnelEqualsScratch();
    }
    const [{ n: present }] = await dataSource.query(
      `SELECT sum(households)::int AS n FROM analytics_funnel_day WHERE step = 'present_at_hearing'`,
    );
    expect(present).toBeGreaterThan(10); // the test exercised the presence step, not only the events
    // A household's presence responses go one by one: it stops counting after the last.
    await dataSource.query(
      `DELETE FROM analytics_response WHERE response_id IN (SELECT response_id FROM analytics_response WHERE kind = 'present_at_hearing' ORDER BY response_id LIMIT 15)`,
    );
    await expectFunnelEqualsScratch();
    await dataSource.query(`UPDATE analytics_response SET kind = 'present_at_hearing' WHERE kind = 'dsf_done'`);
    await dataSource.query(
      `UPDATE analytics_stage SET territory = '38', occurred_at = occurred_at + interval '30 hours' WHERE territory = '93' AND event = 'audience'`,
    );
    await expectFunnelEqualsScratch();
    await dataSource.query(`DELETE FROM analytics_stage WHERE event IN ('audience', 'assignation') AND household_id = ANY ($1::uuid[])`, [
      households.slice(0, 100),
    ]);
    await expectFunnelEqualsScratch();
    await dataSource.query(`TRUNCATE analytics_response`);
    await expectFunnelEqualsScratch();
  });

  it('counts a household present once when its audience and its presence are written at the same time by two processes', async () => {
    const household = randomUUID();
    const at = new Date(BASE + 5 * DAY);
    const a = dataSource.createQueryRunner();
    const b = dataSource.createQueryRunner();
    try {
      await a.startTransaction();
      await b.startTransaction();
      await a.query(`INSERT INTO analytics_stage (household_id, event, territory, occurred_at) VALUES ($1, 'audience', '93', $2)`, [
        household,
        at,
      ]);
      const second = b.query(
        `INSERT INTO analytics_response (response_id, household_id, kind, source, occurred_at) VALUES (gen_random_uuid(), $1, 'present_at_hearing', 'partner', $2)`,
        [household, at],
      );
      await new Promise((resolve) => setTimeout(resolve, 200)); // the second waits for the first
      await a.commitTransaction();
      await second;
      await b.commitTransaction();
    } finally {
      await a.release();
      await b.release();
    }
    const f = { territory: '93', from: new Date(BASE), to: new Date(BASE + 40 * DAY) };
    expect((await analytics.funnel(f, EVENTS)).get('present_at_hearing')).toBe(
      (await analytics.funnelFromScratch(f, EVENTS)).get('present_at_hearing'),
    );
    const [{ n }] = await dataSource.query(
      `SELECT households::int AS n FROM analytics_funnel_day WHERE territory = '93' AND step = 'present_at_hearing' AND day = $1::date`,
      [at.toISOString().slice(0, 10)],
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

describe('the experiments’ tally kept by PostgreSQL', () => {
  it('equals a count of the assignments after assignments, responses, re-assignment, deletion and truncation', async () => {
    const [experiment] = await dataSource.query(
      `INSERT INTO experiment (key, name, territory, stage, purpose, channel, arms, holdout_share, primary_response_kinds, response_window_days, baseline_rate, minimum_detectable_effect, alpha, power, planned_units, created_by)
       VALUES ('tally', 'Tally', '93', 'premier_impaye', 'rappelImpaye', 'sms', '[{"name":"A","variant":"reassuring.short.picto","weight":1},{"name":"B","variant":"neutral.short.plain","weight":1}]',
               0, '{sms_replied}', 14, 0.2, 0.05, 0.05, 0.8, 1000, 'test') RETURNING id`,
    );
    const id: string = experiment.id;
    const check = async () => expect(await experiments.countsByArm(id)).toEqual(await experiments.countsByArmFromScratch(id));
    const households = Array.from({ length: 400 }, () => randomUUID());
    const assignedAt = new Date(BASE);
    // One by one, as messages are worded (twice for some: the first assignment stays).
    for (const household of households.slice(0, 60))
      for (let i = 0; i < 2; i++)
        await experiments.assignOnce(dataSource.manager, {
          experimentId: id,
          householdId: household,
          arm: i === 0 ? pick(['A', 'B']) : 'B',
          variant: 'x',
          assignedAt,
        });
    await check();
    // In bulk.
    await dataSource.query(
      `INSERT INTO experiment_assignment (experiment_id, household_id, arm, variant, assigned_at)
       SELECT $1, h, CASE WHEN random() < 0.5 THEN 'A' ELSE 'B' END, 'x', $3 FROM unnest($2::uuid[]) AS h ON CONFLICT DO NOTHING`,
      [id, households.slice(60), assignedAt],
    );
    await check();
    const responses = households
      .filter(() => rnd() < 0.3)
      .map((householdId) => ({ householdId, kind: 'sms_replied', occurredAt: new Date(BASE + DAY) }));
    expect(await experiments.markResponded(responses)).toBe(responses.length);
    // Told again, and earlier: the households count once.
    await experiments.markResponded(responses.map((r) => ({ ...r, occurredAt: new Date(BASE + 3_600_000) })));
    await check();
    const counts = await experiments.countsByArm(id);
    expect(counts.reduce((s, c) => s + c.responders, 0)).toBe(responses.length);
    expect(counts.reduce((s, c) => s + c.units, 0)).toBe(households.length);
    await dataSource.query(`UPDATE experiment_assignment SET arm = 'A' WHERE household_id = ANY ($1::uuid[])`, [households.slice(0, 50)]);
    await dataSource.query(`DELETE FROM experiment_assignment WHERE household_id = ANY ($1::uuid[])`, [households.slice(100, 130)]);
    await check();
    await dataSource.query(`TRUNCATE experiment_assignment`);
    expect(await experiments.countsByArm(id)).toEqual([]);
  });
});
