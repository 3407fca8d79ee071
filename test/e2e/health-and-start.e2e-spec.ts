import { ProviderSandbox, startProviderSandbox } from '../../apps/provider-sandbox/src';
import { appEnv } from '../support/dispatch-workload';
import { eventually, freePort } from '../support/free-port';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from '../support/isolated-database';
import { OwnRedis, RunningProcess, spawnApp, startApiProcess, startOwnRedis, startWorkerProcess } from '../support/processes';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(180_000);

describe('health and start', () => {
  let database: IsolatedDatabase;
  let sandbox: ProviderSandbox;
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let api: RunningProcess | null = null;
  let worker: RunningProcess | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createIsolatedDatabase('health');
    redis = await startOwnRedis();
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'unisson-local-twilio-auth-token',
    });
    env = appEnv({
      databaseUrl: viaProxy.toString(),
      redisUrl: redis.url,
      queuePrefix: isolatedQueuePrefix('health'),
      sandbox,
      apiPort: await freePort(),
    });
  });
  afterAll(async () => {
    await api?.kill();
    await worker?.kill();
    await proxy?.stop();
    await redis?.stop();
    await sandbox?.stop();
    await database?.drop();
  });

  const ready = async () => {
    const started = Date.now();
    const r = await fetch(`http://127.0.0.1:${env.API_PORT}/health/ready`);
    return { status: r.status, ms: Date.now() - started, body: (await r.json()) as Record<string, string> };
  };

  it('answers 503 within a second naming what is down, and the logs say when it goes and comes back', async () => {
    [api, worker] = await Promise.all([startApiProcess(env), startWorkerProcess(env)]);
    expect((await ready()).status).toBe(200);

    await redis.kill();
    const redisDown = await ready();
    expect(redisDown).toMatchObject({ status: 503, body: { status: 'unavailable', redis: 'down', postgres: 'up' } });
    expect(redisDown.ms).toBeLessThan(1_000);
    expect(redisDown.body.message).toContain('REDIS_URL');
    await new Promise((r) => setTimeout(r, 2_500));
    await redis.restart();
    await eventually(async () => ((await ready()).status === 200 ? true : undefined), 15_000, 'ready again after Redis');

    await proxy.cut();
    const postgresDown = await ready();
    expect(postgresDown).toMatchObject({ status: 503, body: { postgres: 'down', redis: 'up' } });
    expect(postgresDown.ms).toBeLessThan(1_000);
    expect(postgresDown.body.message).toContain('DATABASE_URL');
    await new Promise((r) => setTimeout(r, 2_500));
    await proxy.restore();
    await eventually(async () => ((await ready()).status === 200 ? true : undefined), 15_000, 'ready again after PostgreSQL');
    await new Promise((r) => setTimeout(r, 2_500));

    for (const process of [api, worker]) {
      const lines = process.lines.join('\n');
      expect(lines).toContain('Redis injoignable');
      expect(lines).toContain('Redis de nouveau joignable');
      expect(lines).toContain('PostgreSQL injoignable');
      expect(lines).toContain('PostgreSQL de nouveau joignable');
    }
  });

  it('an API or a worker started without PostgreSQL or Redis ends with a message naming the setting to check', async () => {
    const cases = [
      ['api', 'DATABASE_URL', { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/unisson' }],
      ['worker', 'DATABASE_URL', { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:9/unisson' }],
      ['api', 'REDIS_URL', { REDIS_URL: 'redis://127.0.0.1:9' }],
      ['worker', 'REDIS_URL', { REDIS_URL: 'redis://127.0.0.1:9' }],
    ] as const;
    const outcomes = await Promise.all(
      cases.map(async ([app, setting, broken]) => {
        const child = spawnApp(app, { ...env, ...broken, API_PORT: String(await freePort()) });
        return { app, setting, code: await child.exited, output: child.lines.join('\n') };
      }),
    );
    for (const { setting, code, output } of outcomes) {
      expect(code).toBe(1);
      expect(output).toContain(setting);
      expect(output).toContain('Unisson ne peut pas démarrer');
      expect(output).not.toContain('secret');
      expect(output).not.toMatch(/\n\s+at /);
    }
  });
});
