import net from 'node:net';
import { ProviderSandbox, startProviderSandbox } from '../src';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'sandbox-fast-path-test-auth-token';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const messages = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const valid = { To: '+33612345678', From: '+33700000001', Body: 'Bonjour' };

interface RawRequest {
  label: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on its own connection, written byte for byte, and its whole answer as text. */
function exchange(port: number, request: RawRequest): Promise<string> {
  const body = request.body ?? '';
  const headers: Record<string, string> = {
    host: '127.0.0.1',
    authorization: basic(accountSid, authToken),
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...request.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.end(`${request.method ?? 'POST'} ${request.path ?? messages} HTTP/1.1\r\n${head}\r\n${body}`),
    );
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** What may differ between two sandboxes: the Date header, sids and the dates in bodies. */
function normalised(answer: string): string {
  return answer
    .replace(/^Date: .*$/im, 'Date: <date>')
    .replace(/\b(SM|PA)[0-9a-f]{32}\b/g, '$1<sid>')
    .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000/g, '<rfc2822>');
}

const requests: RawRequest[] = [
  { label: 'a GSM-7 SMS', body: form(valid) },
  {
    label: 'a UCS-2 SMS with a status callback',
    body: form({ ...valid, Body: 'Vous êtes reçu·e 👋', StatusCallback: 'http://127.0.0.1:1/s?id=1' }),
  },
  { label: 'repeated keys', body: 'To=%2B33612345678&To=%2B33612345679&From=%2B33700000001&Body=a&Body=b' },
  { label: 'a query string on the URL', path: `${messages}?foo=bar`, body: form(valid) },
  { label: 'an invalid To', body: form({ ...valid, To: '0612345678' }) },
  { label: 'no Body', body: form({ To: valid.To, From: valid.From }) },
  { label: 'an invalid StatusCallback', body: form({ ...valid, StatusCallback: 'ftp://x' }) },
  { label: 'a recipient ending in 0500', body: form({ ...valid, To: '+33612340500' }) },
  { label: 'a recipient ending in 0429', body: form({ ...valid, To: '+33612340429' }) },
  { label: 'a body that is not a form', body: '%%%&&&==' },
  { label: 'invalid UTF-8 in the body', body: 'To=%2B33612345678&From=%2B33700000001&Body=%FF%FE' },
  { label: 'an empty body', body: '' },
  { label: 'a wrong token', headers: { authorization: basic(accountSid, 'wrong') }, body: form(valid) },
  { label: 'no authorization', headers: { authorization: '' }, body: form(valid) },
  { label: 'another account', path: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json', body: form(valid) },
  { label: 'a trailing slash', path: `${messages}/`, body: form(valid) },
  {
    label: 'a charset in the content type',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form(valid),
  },
  { label: 'a JSON body', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid) },
  { label: 'a body over the limit', body: `${form(valid)}&Pad=${'x'.repeat(1024 * 1024)}` },
  { label: 'GET Messages.json', method: 'GET', headers: { 'content-type': '', 'content-length': '0' } },
];

describe('POST Messages.json on the fast path answers as Fastify does', () => {
  let fast: ProviderSandbox;
  let fastify: ProviderSandbox;
  const port = (sandbox: ProviderSandbox) => Number(new URL(sandbox.twilioUrl).port);

  beforeAll(async () => {
    const options = { twilioPort: 0, smtpPort: 0, accountSid, authToken, lifecycleDelayMs: 3_600_000 };
    fast = await startProviderSandbox(options);
    fastify = await startProviderSandbox({ ...options, messagesFastPath: false });
  });
  afterAll(async () => {
    await fast.stop();
    await fastify.stop();
  });
  afterEach(() => {
    fast.faults.clear();
    fastify.faults.clear();
  });

  it.each(requests.map((r) => [r.label, r] as const))('%s', async (_label, request) => {
    const [byFastPath, byFastify] = await Promise.all([exchange(port(fast), request), exchange(port(fastify), request)]);
    expect(byFastify).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(normalised(byFastPath)).toBe(normalised(byFastify));
  });

  it.each(['500', '429', '500-after-create', 'timeout-after-create'] as const)('with the %s fault', async (kind) => {
    for (const sandbox of [fast, fastify]) sandbox.faults.configure({ twilio: { rate: 1, kinds: [kind], delayMs: 20 }, seed: 7 });
    const request = { label: kind, body: form(valid) };
    const [byFastPath, byFastify] = await Promise.all([exchange(port(fast), request), exchange(port(fastify), request)]);
    expect(normalised(byFastPath)).toBe(normalised(byFastify));
    expect(fast.faults.injected[kind]).toBe(fastify.faults.injected[kind]);
  });

  it('stores the same messages, in the same order, with the same fields', () => {
    const stored = (sandbox: ProviderSandbox) =>
      sandbox.store.messages.map(({ sid: _sid, dateCreated: _c, dateUpdated: _u, statusHistory, ...rest }) => ({
        ...rest,
        statusHistory: statusHistory.map((h) => h.status),
      }));
    expect(stored(fast).length).toBeGreaterThan(0);
    expect(stored(fast)).toEqual(stored(fastify));
  });
});
