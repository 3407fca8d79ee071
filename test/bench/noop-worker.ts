/**
 * The baseline of bench:dispatch, in a process of its own like the real worker: a bare BullMQ
 * worker whose jobs do nothing, at the same concurrency. Prints the seconds from the first job
 * to the last, and its CPU milliseconds per job, as JSON.
 */
import { Worker } from 'bullmq';

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const count = Number(process.env.NOOP_COUNT);
const concurrency = Number(process.env.NOOP_CONCURRENCY);
let done = 0;
let first = 0;
let cpuAtFirst: NodeJS.CpuUsage | null = null;
const worker = new Worker(
  'noop',
  async () => {
    if (first === 0) {
      first = performance.now();
      cpuAtFirst = process.cpuUsage();
    }
    done++;
    if (done === count) {
      const seconds = (performance.now() - first) / 1000;
      const cpu = process.cpuUsage(cpuAtFirst ?? undefined);
      process.stdout.write(`${JSON.stringify({ seconds, cpuMsPerJob: (cpu.user + cpu.system) / 1000 / count })}\n`);
      setImmediate(() => void worker.close().then(() => process.exit(0)));
    }
  },
  {
    connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
    prefix: process.env.NOOP_PREFIX,
    concurrency,
  },
);
