import { verifySignature } from '@unisson/webhooks';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { JsonReceiver } from '../support/json-receiver';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(120_000);

const alert = (partnerRef: string, phone: string) => ({
  partnerRef,
  tenant: { lastName: 'Ndiaye', firstName: 'Fatou' },
  address: { street: '27 rue Danielle Casanova', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone },
  lease: { housingSector: 'social', monthlyRent: 480 },
  arrears: { amount: 960, firstUnpaidOn: '2026-10-05' },
});

describe('partners hear of their households through signed webhooks', () => {
  let stack: UnissonStack;
  let landlord: TestClient;
  let receiver: JsonReceiver;
  let secret: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_webhooks');
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    // The first delivery of each event fails (500): Unisson must retry it.
    const failedOnce = new Set<string>();
    receiver = await new JsonReceiver((post) => {
      const id = String(post.body.id);
      if (failedOnce.has(id)) return 200;
      failedOnce.add(id);
      return 500;
    }).start();
    const registered = await landlord.post<{ secret: string; endpoint: { id: string } }>('/v1/webhooks/endpoints', {
      url: receiver.url,
      events: ['household.responded', 'intent.merged', 'household.opted_out'],
    });
    expect(registered.status).toBe(201);
    secret = registered.body.secret;
  });
  afterAll(async () => {
    await receiver?.stop();
    await stack?.stop();
  });

  it('tells the landlord its intent was merged and its tenant replied, signed, retried after a failure, once each', async () => {
    expect((await landlord.post('/v1/alerts', alert('HS93-WH-1', '06 44 55 66 77'))).status).toBe(202);
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33644556677'), 30_000, 'the SMS');
    await stack.sandbox.simulateInboundSms('+33644556677', 'Bonjour, je peux payer la moitié');

    const delivered = await eventually(
      () => {
        const ok = receiver.received.filter((p, i) => receiver.received.findIndex((q) => q.body.id === p.body.id) !== i);
        const types = new Set(ok.map((p) => p.body.type));
        return types.has('intent.merged') && types.has('household.responded') ? ok : undefined;
      },
      60_000,
      'both events delivered after a retry',
    );
    for (const post of delivered) {
      expect(verifySignature(post.headers['unisson-signature'] as string, secret, post.raw, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature(post.headers['unisson-signature'] as string, 'whsec_wrong', post.raw, Math.floor(Date.now() / 1000))).toBe(
        false,
      );
      expect(post.body.partnerRef).toBe('HS93-WH-1');
      expect(post.raw).not.toMatch(/Ndiaye|Fatou|Casanova|\+33644556677/);
    }
    const log =
      await landlord.get<Array<{ eventType: string; status: string; attempts: number; lastStatusCode: number }>>('/v1/webhooks/deliveries');
    const responded = log.body.filter((d) => d.eventType === 'household.responded');
    expect(responded).toHaveLength(1);
    expect(responded[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
  });

  it('keeps each partner’s endpoints and delivery log to itself', async () => {
    const caf = new TestClient(stack.baseUrl, stack.keys['caf-93']);
    expect((await caf.get('/v1/webhooks/deliveries')).status).toBe(403); // no webhooks:manage scope
    const endpoints = await landlord.get<Array<{ id: string }>>('/v1/webhooks/endpoints');
    const operator = new TestClient(stack.baseUrl, stack.keys.operateur);
    expect((await operator.request('DELETE', `/v1/webhooks/endpoints/${endpoints.body[0].id}`)).status).toBe(404);
    expect((await landlord.post('/v1/webhooks/endpoints', { url: 'pas une url', events: ['intent.merged'] })).status).toBe(400);
  });
});
