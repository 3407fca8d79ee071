import { eventually } from '../support/free-port';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(60_000);

const alert = (partnerRef: string, overrides: Record<string, unknown> = {}) => ({
  partnerRef,
  tenant: { lastName: 'Nguyen', firstName: 'Thi' },
  address: { street: '12 bis avenue Jean Jaurès', extra: 'Bât B', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone: '06 12 34 56 78', email: 'thi.nguyen@example.org' },
  lease: { housingSector: 'social', monthlyRent: 512.4 },
  arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
  ...overrides,
});

describe('a landlord alert becomes a delivered SMS and e-mail', () => {
  let stack: UnissonStack;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, key = stack.keys['bailleur-93']) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
  const messageRows = (householdId: string) =>
    stack.db.query(`SELECT id, channel, status, body, provider_message_id FROM outbound_message WHERE household_id = $1 ORDER BY channel`, [householdId]);

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_alert');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('goes from HTTP to the SMS and SMTP servers and back through a signed callback to "delivered"', async () => {
    const response = await post('/v1/alerts', alert('HS93-E2E-1'), { 'idempotency-key': 'e2e-alert-0001' });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { submissionId: string };

    const sms = await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33612345678'), 15_000, 'the SMS');
    expect(sms.body).toContain('Habitat Solidaire 93');
    expect(sms.body).toMatch(/1\s024,80\s€/);

    const email = await eventually(() => stack.sandbox.store.emails.find((e) => e.to.includes('thi.nguyen@example.org')), 15_000, 'the e-mail');
    expect(email.subject).toContain('loyer');
    expect(email.text).toMatch(/1\s024,80\s€/);
    expect(email.html).toContain('Habitat Solidaire 93');

    const outcome = await eventually(async () => {
      const r = await fetch(`${stack.baseUrl}/v1/submissions/${accepted.submissionId}`, { headers: { authorization: `Bearer ${stack.keys['bailleur-93']}` } });
      const body = (await r.json()) as { status: string; outcome: { householdId: string } };
      return body.status === 'processed' ? body : undefined;
    });
    const delivered = await eventually(async () => {
      const rows = (await messageRows(outcome.outcome.householdId)) as Array<{ channel: string; status: string; provider_message_id: string }>;
      const smsRow = rows.find((r) => r.channel === 'sms');
      return smsRow?.status === 'delivered' ? rows : undefined;
    }, 15_000, 'the SMS to be delivered');
    expect(delivered.find((r) => r.channel === 'sms')!.provider_message_id).toBe(sms.sid);
    expect(delivered.find((r) => r.channel === 'email')!.status).toBe('sent');
    const history = await stack.db.query(
      `SELECT to_status, source FROM message_status_event e JOIN outbound_message m ON m.id = e.message_id WHERE m.provider_message_id = $1 ORDER BY e.id`,
      [sms.sid],
    );
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it('answers a retried call with the first result and never sends twice', async () => {
    const first = await post('/v1/alerts', alert('HS93-E2E-2', { contacts: { phone: '06 98 76 54 32' } }), { 'idempotency-key': 'e2e-alert-0002' });
    const second = await post('/v1/alerts', alert('HS93-E2E-2', { contacts: { phone: '06 98 76 54 32' } }), { 'idempotency-key': 'e2e-alert-0002' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { submissionId: string }).submissionId).toBe(((await first.json()) as { submissionId: string }).submissionId);
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33698765432'), 15_000, 'the SMS');
    await new Promise((r) => setTimeout(r, 500));
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33698765432')).toHaveLength(1);

    const reused = await post('/v1/alerts', alert('HS93-E2E-OTHER'), { 'idempotency-key': 'e2e-alert-0002' });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const [{ count: before }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    const response = await post('/v1/alerts', alert('HS93-E2E-3', { address: { street: '1 rue X', postalCode: '9320', city: 'Saint-Denis' } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string; errors: Array<{ field: string }>; correlationId: string };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field)).toEqual(['address.postalCode']);
    expect(body.message).toContain('address.postalCode');
    expect(body.correlationId).toBeTruthy();
    const [{ count: after }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    expect(after).toBe(before);
  });

  it('keeps every business route closed without a key, or with a key lacking the scope', async () => {
    expect((await post('/v1/alerts', alert('X-1'), {}, '')).status).toBe(401);
    expect((await post('/v1/alerts', alert('X-1'), {}, stack.keys['commissaire-93'])).status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/health/live`)).status).toBe(200);
  });

  it('rejects a status callback whose Twilio signature is forged', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/webhooks/twilio/message-status?messageId=00000000-0000-4000-8000-000000000000`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: 'MessageSid=SM123&MessageStatus=delivered',
    });
    expect(response.status).toBe(403);
  });

  it('honours an SMS "STOP": the next alert for that household is not sent by SMS', async () => {
    await post('/v1/alerts', alert('HS93-E2E-4', { contacts: { phone: '07 55 44 33 22', email: 'stop@example.org' } }), { 'idempotency-key': 'e2e-alert-0004' });
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33755443322'), 15_000, 'the first SMS');
    await stack.sandbox.simulateInboundSms('+33755443322', 'STOP');
    await eventually(async () => {
      const rows = await stack.db.query(`SELECT 1 FROM household_opt_out WHERE channel = 'sms'`);
      return rows.length ? rows : undefined;
    }, 10_000, 'the opt-out');
    await post('/v1/alerts', alert('HS93-E2E-4', { contacts: { phone: '07 55 44 33 22', email: 'stop@example.org' }, arrears: { amount: 2049.6, firstUnpaidOn: '2026-10-05' } }), { 'idempotency-key': 'e2e-alert-0005' });
    await eventually(() => (stack.sandbox.store.emails.filter((e) => e.to.includes('stop@example.org')).length === 2 ? true : undefined), 15_000, 'the second e-mail');
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33755443322')).toHaveLength(1);
  });
});
