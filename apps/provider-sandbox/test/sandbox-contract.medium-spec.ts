import { ProviderSandbox, startProviderSandbox } from '../src';
import { CALL, CALLS, declaredProperties, MESSAGE, MESSAGES, responseValidator } from './oai-contract';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'sandbox-contract-test-auth-token';
const auth = {
  authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
};

async function call(sandbox: ProviderSandbox, method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) for (const v of [value].flat()) body.append(key, v);
  const response = await fetch(`${sandbox.twilioUrl}/2010-04-01/Accounts/${accountSid}${path}`, {
    method,
    headers: { ...auth, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? body.toString() : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("provider sandbox responses follow Twilio's OpenAPI contract", () => {
  let sandbox: ProviderSandbox;

  beforeAll(async () => {
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid,
      authToken,
      lifecycleDelayMs: 10_000,
    });
  });
  afterAll(() => sandbox.stop());

  it('POST Messages.json answers 201 with a valid Message resource, every declared field present', async () => {
    const { status, json } = await call(sandbox, 'POST', '/Messages.json', {
      To: '+33612345678',
      From: '+33700000001',
      Body: 'Bonjour 👋',
      StatusCallback: 'http://127.0.0.1:1/status',
    });
    expect(status).toBe(201);
    const validate = responseValidator(MESSAGES, 'post', '201');
    expect(validate.errors ?? validate(json)).toBe(true);
    expect(Object.keys(json).sort()).toEqual(declaredProperties('api.v2010.account.message'));
    expect(json).toMatchObject({
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      price: null,
      account_sid: accountSid,
    });
    expect(json.uri).toBe(`/2010-04-01/Accounts/${accountSid}/Messages/${json.sid as string}.json`);

    const fetched = await call(sandbox, 'GET', `/Messages/${json.sid as string}.json`);
    expect(fetched.status).toBe(200);
    expect(responseValidator(MESSAGE, 'get', '200')(fetched.json)).toBe(true);
    expect(fetched.json.body).toBe('Bonjour 👋');
  });

  it('GET Messages.json filters by To and pages like Twilio', async () => {
    for (const body of ['un', 'deux', 'trois']) {
      await call(sandbox, 'POST', '/Messages.json', {
        To: '+33611111111',
        From: '+33700000001',
        Body: body,
      });
    }
    await call(sandbox, 'POST', '/Messages.json', {
      To: '+33622222222',
      From: '+33700000001',
      Body: 'autre',
    });
    const first = await call(sandbox, 'GET', '/Messages.json?To=%2B33611111111&PageSize=2');
    const validate = responseValidator(MESSAGES, 'get', '200');
    expect(validate(first.json)).toBe(true);
    const page1 = first.json.messages as Array<Record<string, unknown>>;
    expect(page1.map((m) => m.body)).toEqual(['trois', 'deux']);
    expect(first.json.next_page_uri).toEqual(expect.stringContaining('Page=1'));
    const next = await fetch(`${sandbox.twilioUrl}${first.json.next_page_uri as string}`, {
      headers: auth,
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect((next.messages as Array<Record<string, unknown>>).map((m) => m.body)).toEqual(['un']);
    expect(next.next_page_uri).toBeNull();
  });

  it('POST Calls.json and GET Calls/{Sid}.json answer valid Call resources', async () => {
    const created = await call(sandbox, 'POST', '/Calls.json', {
      To: '+33612345678',
      From: '+33700000001',
      Twiml: '<Response><Say>Bonjour</Say></Response>',
      StatusCallbackEvent: ['initiated', 'completed'],
    });
    expect(created.status).toBe(201);
    expect(responseValidator(CALLS, 'post', '201')(created.json)).toBe(true);
    expect(Object.keys(created.json).sort()).toEqual(declaredProperties('api.v2010.account.call'));
    const fetched = await call(sandbox, 'GET', `/Calls/${created.json.sid as string}.json`);
    expect(responseValidator(CALL, 'get', '200')(fetched.json)).toBe(true);
    expect(fetched.json.status).toBe('queued');
    expect(sandbox.store.findCall(created.json.sid as string)?.statusCallbackEvents).toEqual(['initiated', 'completed']);
  });

  it('rejects an invalid resource that would not validate', () => {
    const validate = responseValidator(MESSAGE, 'get', '200');
    expect(validate({ sid: 'XX123', status: 'teleported', date_created: '2024-01-01T00:00:00Z' })).toBe(false);
  });

  it.each([
    ['Messages', { From: '+33700000001', Body: 'x' }, 21604, "A 'To' phone number is required."],
    ['Messages', { To: '+33612345678', Body: 'x' }, 21603, "A 'From' phone number is required."],
    ['Messages', { To: '+33612345678', From: '+33700000001' }, 21602, 'Message body is required.'],
    ['Messages', { To: 'abc', From: '+33700000001', Body: 'x' }, 21211, "Invalid 'To' Phone Number: abc"],
    ['Messages', { To: '+33612345678', From: '+33700000001', Body: 'x'.repeat(1601) }, 21617, expect.stringContaining('1600')],
    ['Calls', { From: '+33700000001', Url: 'http://127.0.0.1/voice' }, 21201, "No 'To' number is specified"],
    ['Calls', { To: '+33612345678', Url: 'http://127.0.0.1/voice' }, 21213, "No 'From' number is specified"],
    ['Calls', { To: '+33612345678', From: '+33700000001' }, 21205, expect.stringContaining('Url')],
  ])('%s: answers 400 with Twilio code %s', async (resource, form, code, message) => {
    const { status, json } = await call(sandbox, 'POST', `/${resource}.json`, form);
    expect(status).toBe(400);
    expect(json).toEqual({
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status: 400,
    });
  });

  it('answers 404 with 20404 for an unknown message', async () => {
    const { status, json } = await call(sandbox, 'GET', `/Messages/SM${'0'.repeat(32)}.json`);
    expect(status).toBe(404);
    expect(json).toMatchObject({ code: 20404, status: 404 });
  });
});
