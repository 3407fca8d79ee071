import { eventually } from '../support/free-port';
import { LocalRedisCluster, startLocalRedisCluster } from '../support/redis-cluster';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';
import { messagesTo } from '../support/sealed-rows';

jest.setTimeout(120_000);

/** The whole flow on a local three-node Redis Cluster: hash-tagged queues spread over the nodes. */
describe('on a Redis Cluster of three nodes', () => {
  let cluster: LocalRedisCluster;
  let stack: UnissonStack;

  beforeAll(async () => {
    cluster = await startLocalRedisCluster();
    stack = await startUnissonStack('e2e_cluster', {
      REDIS_URL: `redis://127.0.0.1:${cluster.ports[0]}`,
      REDIS_CLUSTER_NODES: cluster.nodes,
      RECONCILE_EVERY_MS: '1000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await cluster?.stop();
  });

  it('takes an alert to a delivered SMS and a sent e-mail, its queues on different nodes', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.keys['bailleur-93']}`,
        'idempotency-key': 'cluster-0001',
      },
      body: JSON.stringify({
        partnerRef: 'CLUSTER-1',
        tenant: { lastName: 'Benali', firstName: 'Yasmine' },
        address: { street: '8 rue du Landy', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 45 67 89 12', email: 'yasmine.benali@example.org' },
        lease: { housingSector: 'social', monthlyRent: 480 },
        arrears: { amount: 960, firstUnpaidOn: '2026-10-05' },
      }),
    });
    expect(response.status).toBe(202);
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33645678912'), 30_000, 'the SMS');
    await eventually(() => stack.sandbox.store.emails.find((e) => e.to.includes('yasmine.benali@example.org')), 30_000, 'the e-mail');
    const delivered = await eventually(
      async () => {
        const rows = await messagesTo<{ status: string }>(stack.db, '+33645678912', 'status');
        return rows[0]?.status === 'delivered' ? rows : undefined;
      },
      30_000,
      'the SMS delivered',
    );
    expect(delivered).toHaveLength(1);
    const perNode = cluster.keysPerNode();
    process.stdout.write(`Redis Cluster: keys per node ${JSON.stringify(perNode)}\n`);
    // Each queue's keys share its hash tag, hence one node; different queues have different tags, so they spread.
    const nodesOfTag = new Map<string, Set<number>>();
    cluster.keysOfNodes().forEach((keys, node) => {
      for (const key of keys) {
        const tag = /^\{([^}]+)\}/.exec(key)?.[1];
        if (tag) nodesOfTag.set(tag, (nodesOfTag.get(tag) ?? new Set()).add(node));
      }
    });
    const queueTags = [...nodesOfTag.keys()].filter((tag) => /:(intake|dispatch|coordination|handoff|linkage)$/.test(tag));
    expect(queueTags.length).toBeGreaterThanOrEqual(4);
    for (const tag of nodesOfTag.keys()) expect(nodesOfTag.get(tag)!.size).toBe(1);
  });
});
