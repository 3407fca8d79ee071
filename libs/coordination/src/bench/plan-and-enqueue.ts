/**
 * Plan-and-enqueue part of the planner benchmark: plan every household, write plans and planned
 * contacts to Postgres in batches, addBulk the delayed jobs to BullMQ on real Redis; then the
 * re-plan latency of one household after an event. Uses its own database and queue prefix and
 * removes both at the end.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RecordingContactHandOff } from '../contact-hand-off';
import { CoordinationRepository } from '../coordination.repository';
import { planContacts } from '../domain/contact-planner';
import type { PlanningInput } from '../domain/planning-context';
import { COORDINATION_QUEUE } from '../jobs/contact-due.job';
import { PlanExecutor, systemClock } from '../plan-executor';
import { coordinationEntities, coordinationMigrations } from '../schema';

const BATCH = 1_000;
const IN_FLIGHT = 3;

function uuidOf(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export async function planAndEnqueueBench(
  inputs: readonly PlanningInput[],
  progress: (done: number, total: number) => void,
  options: { postgresUrl?: string; redis?: { host: string; port: number }; enqueueHorizonMs?: number } = {},
): Promise<Record<string, unknown>> {
  const adminUrl = options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `bench_coordination_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${database}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url: adminUrl.replace(/\/[^/]*$/, `/${database}`),
    entities: coordinationEntities,
    migrations: coordinationMigrations,
    migrationsTableName: 'schema_migration',
    logging: ['error'],
    extra: { max: 6 },
  });
  const connection = { ...(options.redis ?? { host: '127.0.0.1', port: 6379 }), maxRetriesPerRequest: null };
  const queue = new Queue(COORDINATION_QUEUE, { connection, prefix: `{bench:${randomBytes(4).toString('hex')}:coordination}` });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const repository = new CoordinationRepository(dataSource);
    // Contacts due within the enqueue horizon of their plan get their job at once, the others
    // when the reconciler sees them come due (as in the service, ENQUEUE_HORIZON_MS).
    const horizonMs = options.enqueueHorizonMs ?? 6 * 3600_000;
    const executor = new PlanExecutor(repository, queue, new RecordingContactHandOff(), systemClock, { enqueueHorizonMs: horizonMs });
    const withIds = inputs.map((input, i) => ({ ...input, household: { ...input.household, id: uuidOf(i) } }));

    const started = performance.now();
    let planSeconds = 0;
    let jobs = 0;
    let done = 0;
    const running = new Set<Promise<void>>();
    for (let offset = 0; offset < withIds.length; offset += BATCH) {
      const t = performance.now();
      const plans = withIds.slice(offset, offset + BATCH).map((input) => planContacts(input));
      planSeconds += (performance.now() - t) / 1000;
      const write = executor.applyPlans(plans).then((result) => {
        jobs += result.scheduled.length;
        done += plans.length;
        progress(done, withIds.length);
      });
      running.add(write);
      void write.finally(() => running.delete(write));
      if (running.size >= IN_FLIGHT) await Promise.race(running);
    }
    await Promise.all(running);
    const totalSeconds = (performance.now() - started) / 1000;

    // Re-plan of one household after an event: read its state, plan, apply (diff + jobs).
    const latencies: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const input = withIds[(i * 331) % withIds.length];
      const t = performance.now();
      await repository.insertEvent(input.household.id, { type: 'householdResponded', at: new Date().toISOString() });
      const state = await repository.loadCoordinationState(input.household.id);
      const plan = planContacts({
        ...input,
        events: state.events,
        history: state.history,
        now: new Date(Date.parse(input.now) + 3_600_000).toISOString(),
      });
      await executor.applyPlans([plan]);
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const counts = await queue.getJobCounts('delayed', 'waiting');
    return {
      households: withIds.length,
      seconds: Math.round(totalSeconds * 100) / 100,
      planningSeconds: Math.round(planSeconds * 100) / 100,
      plannedContacts: jobs,
      enqueueHorizonHours: horizonMs / 3600_000,
      jobsInRedis: counts,
      batchSize: BATCH,
      target: { seconds: 60, met: totalSeconds <= 60 },
      replanOneHouseholdMs: {
        p50: Math.round(latencies[150] * 100) / 100,
        p95: Math.round(latencies[285] * 100) / 100,
        target: 20,
        met: latencies[285] < 20,
        note: 'event insert + read of the engine tables + plan + apply (upsert, cancel, job moves); foundation tables not read',
      },
    };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}
