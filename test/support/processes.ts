/**
 * Processes a fault test can kill: Redis servers of its own, the worker and the API as child
 * processes (SIGKILL means SIGKILL), each with its log lines kept for inspection.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');

export interface RunningProcess {
  child: ChildProcess;
  /** Every line it wrote to stdout and stderr. */
  lines: string[];
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

function track(child: ChildProcess): RunningProcess {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { child, lines, exited, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/** The node options each app runs with, as `npm start` and compose start them (docs/decisions/0032). */
const APP_NODE_OPTIONS = { worker: ['--max-semi-space-size=32'], api: [] } as const;

/** A Unisson app (`apps/worker/src/main.ts`, `apps/api/src/main.ts`) as a child process. */
export function spawnApp(entry: 'worker' | 'api', env: Record<string, string>, nodeArgs: readonly string[] = []): RunningProcess {
  const args = [...APP_NODE_OPTIONS[entry], ...nodeArgs, '-r', '@swc-node/register', `apps/${entry}/src/main.ts`];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child);
}

/** Waits for a log line matching `pattern` (or the process to die). */
export async function waitForLine(running: RunningProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  await eventually(
    () => {
      if (running.lines.some((line) => pattern.test(line))) return true;
      if (running.child.exitCode !== null)
        throw new Error(`process exited (${running.child.exitCode}):\n${running.lines.slice(-20).join('\n')}`);
      return undefined;
    },
    timeoutMs,
    `a log line matching ${pattern}`,
  );
}

/** `nodeArgs`: options of the node binary itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
export async function startWorkerProcess(env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<RunningProcess> {
  const worker = spawnApp('worker', env, nodeArgs);
  await waitForLine(worker, /worker taking jobs/);
  return worker;
}

export async function startApiProcess(env: Record<string, string>): Promise<RunningProcess> {
  const api = spawnApp('api', env);
  await eventually(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`API exited:\n${api.lines.slice(-20).join('\n')}`);
      const ok = await fetch(`http://127.0.0.1:${env.API_PORT}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      return ok || undefined;
    },
    60_000,
    'the API',
  );
  return api;
}

export interface OwnRedis {
  port: number;
  url: string;
  /** Stops without saving (SHUTDOWN NOSAVE semantics: SIGKILL, no persistence configured). */
  kill(): Promise<void>;
  /** Starts again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function redisAnswers(port: number): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A redis-server of the test's own, on a free port, without persistence. */
export async function startOwnRedis(extraArgs: string[] = []): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'unisson-redis-'));
  let running: RunningProcess | null = null;
  const start = async () => {
    running = track(
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    await eventually(async () => ((await redisAnswers(port)) ? true : undefined), 10_000, `redis-server on ${port}`);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      await running?.kill();
    },
    restart: start,
    stop: async () => {
      await running?.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
