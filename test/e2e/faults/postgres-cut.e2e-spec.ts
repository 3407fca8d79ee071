import { deliveryCounts, tally } from '../../support/dispatch-workload';
import { whileProgressing } from '../../support/free-port';
import { FaultBed, sendThroughWorker, startFaultBed } from '../../support/fault-bed';
import { startTcpProxy, TcpProxy } from '../../support/tcp-proxy';

// Bounded by progress (see whileProgressing), not by a guess of how loaded the machine is.
jest.setTimeout(15 * 60_000);

/**
 * Fault: PostgreSQL goes away for the worker while it sends 1,000 messages. Every connection is
 * dropped and new ones are refused for 5 s (a TCP proxy between the worker and the database,
 * cut then restored), as when the database server stops or the network to it fails.
 */
describe('PostgreSQL cut off mid-run', () => {
  let bed: FaultBed;
  let proxy: TcpProxy;
  beforeAll(async () => {
    bed = await startFaultBed('pg_cut');
    const target = new URL(bed.database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await bed?.stop();
    await proxy?.stop();
  });

  it('delivers each of 1,000 messages exactly once after 5 s without a database', async () => {
    const viaProxy = new URL(bed.database.url);
    viaProxy.port = String(proxy.port);
    const env: Record<string, string> = { ...bed.env(), DATABASE_URL: viaProxy.toString() };
    const { messages, worker, delivered, progress, untilEverySent } = await sendThroughWorker(bed, env, 1_000);
    await whileProgressing(async () => (delivered() >= 150 ? true : undefined), progress, '150 sent');

    await proxy.cut();
    const atCut = delivered();
    await new Promise((r) => setTimeout(r, 5_000));
    await proxy.restore();

    await untilEverySent();
    const result = tally(deliveryCounts(bed.sandbox, messages));
    process.stdout.write(`PostgreSQL cut for 5 s: ${atCut}/1000 delivered at the cut; after: ${JSON.stringify(result)}\n`);
    expect(atCut).toBeLessThan(messages.length);
    expect(result).toEqual({ messages: 1_000, deliveredOnce: 1_000, missing: 0, duplicated: 0 });
    expect(worker.child.exitCode).toBeNull();
    // It said so, in French, naming the setting, and said when the database came back; no recipient in its logs.
    expect(worker.lines.some((line) => line.includes('PostgreSQL injoignable'))).toBe(true);
    expect(worker.lines.some((line) => line.includes('PostgreSQL de nouveau joignable'))).toBe(true);
    expect(worker.lines.filter((line) => messages.some((m) => line.includes(m.recipient)))).toEqual([]);
  });
});
