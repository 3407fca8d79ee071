/**
 * npm run bench:tasks [-- --tasks 100000 --teams 20 --callers 50 --seconds 15 --requests 200]
 * 100,000 open call and visit tasks across 20 teams in PostgreSQL (one bulk INSERT), then:
 * - a team's worklist page (GET /appels/equipes/:id, signed in, through the whole API: guard,
 *   policy, SQL, French HTML) and its JSON twin, timed request by request: p50/p95/p99;
 * - 50 callers claiming (TasksRepository.claim: FOR UPDATE SKIP LOCKED, cap per caller) and
 *   completing (outcome, response event, close) at once: every claimed id is checked unique and
 *   each task has at most one attempt;
 * - beside it, in the same run, a bare `SELECT … FOR UPDATE SKIP LOCKED` + UPDATE loop by the
 *   same 50 callers over the same pool size: claims per second of both, and their ratio.
 * JSON on the last line, with the machine's context.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { Account, hashPassword, PartnerDirectoryReader } from '@unisson/partners';
import { loadConfig } from '@unisson/config';
import {
  COORDINATION_QUEUE,
  CoordinationRepository,
  CoordinationService,
  HouseholdSnapshotRepository,
  PlanExecutor,
  PlaybookCatalog,
  RecordingContactHandOff,
} from '@unisson/coordination';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { ResponseRecorder } from '@unisson/responses';
import { TaskWork, TasksRepository } from '@unisson/tasks';
import { migrate } from '../../scripts/db-migrate';
import { freePort } from '../support/free-port';
import { machineContext } from './machine-context';
import { HouseholdCaseReader } from '@unisson/households';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

async function timeRequests(url: string, headers: Record<string, string>, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  return { requests: count, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), p99Ms: round(percentile(times, 99)) };
}

async function main(): Promise<void> {
  const total = arg('tasks', 100_000);
  const teamCount = arg('teams', 20);
  const callers = arg('callers', 50);
  const seconds = arg('seconds', 15);
  const requests = arg('requests', 200);
  const name = `unisson_bench_tasks_${process.pid}`;
  const base = loadConfig();
  const dbUrl = new URL(base.database.url);
  dbUrl.pathname = `/${name}`;
  const admin = new DataSource({ type: 'postgres', url: base.database.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  process.stderr.write('▶ Database…\n');
  await migrate(dbUrl.toString());
  const db = new DataSource(dataSourceOptions(dbUrl.toString(), unissonSchema, { poolSize: 20 }));
  await db.initialize();
  const queue = new Queue(COORDINATION_QUEUE, {
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: `bench:tasks:${randomBytes(4).toString('hex')}`,
  });
  let api: Awaited<ReturnType<typeof createApiApp>> | null = null;
  const result: Record<string, unknown> = {};
  try {
    // Teams, each of its own partner; one person of the first partner signs in to the page.
    const teamIds: string[] = [];
    const partnerIds: string[] = [];
    for (let t = 0; t < teamCount; t++) {
      const [partner] = await db.query(
        `INSERT INTO partner (slug, name, kind, territory, territories) VALUES ($1, $2, 'departement', '93', '{93}') RETURNING id`,
        [`bench-${t}`, `Équipe ${t}`],
      );
      partnerIds.push(partner.id);
      const [team] = await db.query(
        `INSERT INTO task_team (partner_id, name, territories, channels) VALUES ($1, $2, '{93}', '{call,homeVisit}') RETURNING id`,
        [partner.id, `Équipe d’appels ${t}`],
      );
      teamIds.push(team.id);
    }
    process.stderr.write(`▶ ${total} open tasks across ${teamCount} teams (one INSERT)…\n`);
    const insertStarted = performance.now();
    await db.query(
      `INSERT INTO task (message_idempotency_key, message_id, household_id, team_id, channel, purpose, stage, territory, time_zone, locale,
         recipient, script, template_key, template_version, routing_rule, routing_reason, not_before, created_at)
       SELECT 'bench:' || g, gen_random_uuid(), gen_random_uuid(), ($1::uuid[])[1 + g % $3], CASE WHEN g % 5 = 0 THEN 'homeVisit' ELSE 'call' END,
              'rappelImpaye', 'premier_impaye', '93', 'Europe/Paris', CASE WHEN g % 7 = 0 THEN 'ar' ELSE 'fr' END,
              '+336' || lpad((g % 100000000)::text, 8, '0'), 'Ouverture\nBonjour, je m’appelle [votre prénom]…', 'first_arrears_information', 'v1',
              'departementAutresFoyers', 'Règle « Le Département pour les autres foyers »', now() - (g % 1440) * interval '1 minute', now()
         FROM generate_series(1, $2) g`,
      [teamIds, total, teamCount],
    );
    await db.query('ANALYZE task');
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    process.stderr.write(`  inserted in ${insertSeconds.toFixed(1)} s\n`);

    // The worklist page and the JSON API, through the real API.
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: dbUrl.toString(),
      QUEUE_PREFIX: `bench_tasks_${process.pid}`,
      API_PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'silent',
      API_RATE_LIMIT_PER_SECOND: '100000',
    });
    api = await createApiApp(config);
    await api.listen(port, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    await db.getRepository(Account).insert({
      email: 'bench@departement.test',
      displayName: 'Banc d’essai',
      role: 'partner_staff',
      partnerId: partnerIds[0],
      passwordHash: await hashPassword('bench-password-2026'),
    });
    const signIn = await fetch(`${baseUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@departement.test', password: 'bench-password-2026' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
    process.stderr.write(`▶ Worklist page of a team with ${total / teamCount} open tasks, ${requests} requests…\n`);
    await timeRequests(`${baseUrl}/appels/equipes/${teamIds[0]}`, { cookie }, 10);
    const page = await timeRequests(`${baseUrl}/appels/equipes/${teamIds[0]}`, { cookie }, requests);
    const json = await timeRequests(`${baseUrl}/v1/task-teams/${teamIds[0]}/tasks`, { cookie }, requests);
    process.stderr.write(`  page p95 ${page.p95Ms} ms, JSON p95 ${json.p95Ms} ms\n`);
    result.worklistPage = { ...page, target: 'p95 < 200 ms', met: page.p95Ms < 200 };
    result.worklistJson = json;
    await api.close();
    api = null;

    // 50 callers claiming and completing at once, then the bare SKIP LOCKED loop.
    const catalog = PlaybookCatalog.load();
    const repo = new CoordinationRepository(db);
    const coordination = new CoordinationService(
      repo,
      new HouseholdSnapshotRepository(db, new HouseholdCaseReader(db), new PartnerDirectoryReader(db)),
      new PlanExecutor(repo, queue, new RecordingContactHandOff()),
      catalog,
    );
    const tasks = new TasksRepository(db);
    const work = new TaskWork(tasks, catalog, coordination, new ResponseRecorder(db, coordination));
    const claimTeams = teamIds.slice(0, 5);
    process.stderr.write(`▶ ${callers} callers on ${claimTeams.length} teams claim and complete for ${seconds} s…\n`);
    const claimed: string[] = [];
    let stop = Date.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        const agent = `account:bench-${c}`;
        const teamId = claimTeams[c % claimTeams.length];
        while (Date.now() < stop) {
          const task = await tasks.claim({ teamId, agent, now: new Date(), reservationMs: 900_000, cap: 5 });
          if (!task) break;
          claimed.push(task.id);
          await work.recordOutcome(task.id, agent, { outcome: task.channel === 'call' ? 'wrong_number' : 'absent' });
          await work.complete(task.id, agent);
        }
      }),
    );
    const claimSeconds = (performance.now() - started) / 1000;
    const unique = new Set(claimed).size;
    const [{ twice }] = await db.query(
      `SELECT count(*)::int AS twice FROM (SELECT task_id FROM task_attempt GROUP BY task_id HAVING count(*) > 1) x`,
    );
    const [{ completed }] = await db.query(`SELECT count(*)::int AS completed FROM task WHERE state = 'completed'`);
    const claimsPerSecond = claimed.length / claimSeconds;
    process.stderr.write(
      `  ${claimed.length} claims (${unique} distinct), ${Math.round(claimsPerSecond)}/s; tasks attempted twice: ${twice}\n`,
    );

    process.stderr.write(`▶ The claim statement alone (cap, expiry, SKIP LOCKED) + a bare close, same callers, ${seconds} s…\n`);
    const claimOnly: string[] = [];
    stop = Date.now() + seconds * 1000;
    const claimOnlyStarted = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        const agent = `account:claim-${c}`;
        const teamId = claimTeams[c % claimTeams.length];
        while (Date.now() < stop) {
          const task = await tasks.claim({ teamId, agent, now: new Date(), reservationMs: 900_000, cap: 5 });
          if (!task) break;
          claimOnly.push(task.id);
          await db.query(`UPDATE task SET state = 'completed' WHERE id = $1`, [task.id]);
        }
      }),
    );
    const claimOnlyPerSecond = claimOnly.length / ((performance.now() - claimOnlyStarted) / 1000);
    process.stderr.write(`  ${claimOnly.length} claims, ${Math.round(claimOnlyPerSecond)}/s\n`);

    process.stderr.write(`▶ Bare SELECT … FOR UPDATE SKIP LOCKED loop, same callers, same teams, ${seconds} s…\n`);
    const bareClaimed: string[] = [];
    stop = Date.now() + seconds * 1000;
    const bareStarted = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        const teamId = claimTeams[c % claimTeams.length];
        while (Date.now() < stop) {
          const id = await db.transaction(async (m) => {
            const rows: Array<{ id: string }> = await m.query(
              `SELECT id FROM task WHERE team_id = $1 AND state = 'pending' ORDER BY not_before LIMIT 1 FOR UPDATE SKIP LOCKED`,
              [teamId],
            );
            if (!rows.length) return null;
            await m.query(`UPDATE task SET state = 'completed', agent = $2 WHERE id = $1`, [rows[0].id, `bare-${c}`]);
            return rows[0].id;
          });
          if (!id) break;
          bareClaimed.push(id);
        }
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    const barePerSecond = bareClaimed.length / bareSeconds;
    process.stderr.write(`  ${bareClaimed.length} claims, ${Math.round(barePerSecond)}/s\n`);
    result.claims = {
      callers,
      teams: claimTeams.length,
      claims: claimed.length,
      distinct: unique,
      tasksAttemptedTwice: twice,
      completed,
      neverTwice: unique === claimed.length && twice === 0,
      claimAndCompletePerSecond: Math.round(claimsPerSecond),
      claimStatementPerSecond: Math.round(claimOnlyPerSecond),
      claimStatementDistinct: new Set(claimOnly).size === claimOnly.length,
      bareSkipLockedPerSecond: Math.round(barePerSecond),
      bareDistinct: new Set(bareClaimed).size === bareClaimed.length,
      ratioToBare: Number((claimsPerSecond / barePerSecond).toFixed(3)),
      claimStatementRatioToBare: Number((claimOnlyPerSecond / barePerSecond).toFixed(3)),
    };
    result.setup = { tasks: total, teams: teamCount, tasksPerTeam: total / teamCount, bulkInsertSeconds: Number(insertSeconds.toFixed(1)) };
  } finally {
    if (api) await api.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.destroy();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.destroy();
  }
  console.log(JSON.stringify({ bench: 'tasks', ...result, machine: machineContext() }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
