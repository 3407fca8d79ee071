import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from './free-port';

export interface LocalRedisCluster {
  ports: number[];
  /** For REDIS_CLUSTER_NODES. */
  nodes: string;
  keysPerNode(): number[];
  /** Every key of every node, by node. */
  keysOfNodes(): string[][];
  stop(): Promise<void>;
}

function cli(port: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout;
}

/** Three redis-server --cluster-enabled on free ports, joined by redis-cli --cluster create (no replicas). */
export async function startLocalRedisCluster(): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'unisson-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const servers = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    ),
  );
  await eventually(() => (ports.every((p) => cli(p, 'PING').trim() === 'PONG') ? true : undefined), 10_000, 'the cluster nodes');
  const created = spawnSync(
    'redis-cli',
    ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
    {
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  await eventually(
    () => (ports.every((p) => cli(p, 'CLUSTER', 'INFO').includes('cluster_state:ok')) ? true : undefined),
    20_000,
    'cluster_state:ok',
  );
  return {
    ports,
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    keysPerNode: () => ports.map((p) => Number(cli(p, 'DBSIZE').trim())),
    keysOfNodes: () => ports.map((p) => cli(p, '--scan').split('\n').filter(Boolean)),
    async stop() {
      for (const server of servers) server.kill('SIGKILL');
      await Promise.all(servers.map((s) => new Promise((resolve) => (s.exitCode !== null ? resolve(null) : s.once('exit', resolve)))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
