import fc from 'fast-check';
import { computeTwilioSignature } from '@unisson/channels';
import { eventually } from '../support/free-port';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(240_000);

const validAlert = {
  partnerRef: 'FUZZ-1',
  tenant: { lastName: 'Martin', firstName: 'Léa', birthDate: '1990-04-02' },
  address: { street: '4 rue de la Paix', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone: '06 12 34 56 78', email: 'lea.martin@example.org' },
  lease: { housingSector: 'social', signedOn: '2019-01-01', monthlyRent: 600 },
  arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
};
const validEvent = { partnerRef: 'FUZZ-1', type: 'commandement_de_payer', occurredOn: '2026-11-02', debtAmount: 1500 };
const validIntent = { partnerRef: 'FUZZ-1', purpose: 'offreTravailleurSocialBailleur', deadline: '2026-12-20' };

/** Strings an attacker or a broken client sends: control characters, lone surrogates, huge, dates of year 0. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '0000-01-01',
    '9999-12-31',
    '2026-02-30',
    '-1',
    '1e308',
    'NaN',
    "'; DROP TABLE partner;--",
    '🏠'.repeat(50),
  ),
  fc.string({ minLength: 300, maxLength: 2_000 }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, 1e308, -0, 2 ** 53 + 1, [], {}),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

/** Header values HTTP can carry (visible ASCII), the rest being refused by any client before us. */
const headerValue = nastyString.filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s));
/** Every byte percent-encoded: what a client puts in a URL, whatever the string. */
const encodeBytes = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A valid body with one field, at any depth, replaced, removed or added. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    paths.push(path);
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths), nastyValue, fc.constantFrom('replace', 'delete', 'add')).map(([path, value, how]) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    const keyOf = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
    if (path.length === 0) return how === 'add' ? { ...copy, [keyOf(value)]: value } : value;
    let node = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    const last = path[path.length - 1];
    if (how === 'delete') delete node[last];
    else if (how === 'add' && node[last] && typeof node[last] === 'object') (node[last] as Record<string, unknown>)[keyOf(value)] = value;
    else node[last] = value;
    return copy;
  });
}

describe('every public input, fuzzed: never a 5xx, never a partial write', () => {
  let stack: UnissonStack;
  const counts = async () =>
    (
      await stack.db.query(
        `SELECT (SELECT count(*) FROM partner_submission)::int AS submissions, (SELECT count(*) FROM inbound_response)::int AS responses,
                (SELECT count(*) FROM household_opt_out)::int AS optouts`,
      )
    )[0] as { submissions: number; responses: number; optouts: number };

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_fuzz', { API_RATE_LIMIT_PER_SECOND: '100000' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const send = async (method: string, path: string, body: string | undefined, headers: Record<string, string>) => {
    const before = await counts();
    const r = await fetch(`${stack.baseUrl}${path}`, { method, headers, body });
    const text = await r.text();
    if (r.status >= 500) throw new Error(`${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    if (r.status >= 400) {
      expect({ path, status: r.status, counts: await counts() }).toEqual({ path, status: r.status, counts: before });
      expect({ path, body: JSON.parse(text) as unknown }).toMatchObject({
        path,
        body: { statusCode: r.status, code: expect.any(String), correlationId: expect.any(String) },
      });
    }
    return r.status;
  };

  it.each([
    ['/v1/alerts', validAlert, 'bailleur-93'],
    ['/v1/stage-events', validEvent, 'bailleur-93'],
    ['/v1/intents', validIntent, 'bailleur-93'],
    [
      '/v1/linkage/review/decisions',
      { kind: 'merge', leftRecordId: '00000000-0000-4000-8000-000000000001', rightRecordId: '00000000-0000-4000-8000-000000000002' },
      'operateur',
    ],
  ] as const)('POST %s', async (path, valid, partner) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${stack.keys[partner]}` };
    await fc.assert(
      fc.asyncProperty(mutated(valid as Record<string, unknown>), fc.option(headerValue, { nil: undefined }), async (body, key) => {
        await send('POST', path, JSON.stringify(body), key === undefined ? headers : { ...headers, 'idempotency-key': key });
      }),
      { numRuns: 120 },
    );
  });

  it('raw bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
        async (body, type) => {
          await send('POST', '/v1/alerts', body, { 'content-type': type, authorization: `Bearer ${stack.keys['bailleur-93']}` });
        },
      ),
      { numRuns: 80 },
    );
  });

  it('path and query parameters of the GET routes', async () => {
    const segment = nastyString.map(encodeBytes);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/submissions/', '/v1/households/', '/v1/linkage/review/records/', '/v1/templates/'),
        segment,
        segment,
        async (prefix, id, query) => {
          const suffix =
            prefix === '/v1/households/' ? '/plan' : prefix.includes('records') ? '/links' : prefix === '/v1/templates/' ? '/preview' : '';
          await send('GET', `${prefix}${id}${suffix}?channel=${query}&locale=${query}&limit=${query}`, undefined, {
            authorization: `Bearer ${stack.keys['operateur']}`,
          });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('Twilio callbacks with valid signatures and arbitrary parameters', async () => {
    const params = fc.dictionary(
      fc.constantFrom('MessageSid', 'MessageStatus', 'SmsStatus', 'ErrorCode', 'From', 'Body', 'To', 'AccountSid', 'Extra'),
      nastyString,
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('message-status', 'inbound-sms'),
        params,
        fc.option(nastyString, { nil: undefined }),
        async (route, form, messageId) => {
          const path = `/v1/webhooks/twilio/${route}${messageId === undefined ? '' : `?messageId=${encodeBytes(messageId)}`}`;
          const signature = computeTwilioSignature(stack.config.twilio.authToken, `${stack.config.api.publicBaseUrl}${path}`, form);
          const r = await fetch(`${stack.baseUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
            body: new URLSearchParams(form).toString(),
          });
          const text = await r.text();
          if (r.status >= 500) throw new Error(`${path} answered ${r.status}: ${text.slice(0, 300)}`);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('leaves no accepted submission unprocessed: the worker never chokes on what the API took', async () => {
    await eventually(
      async () => {
        const [{ pending }] = await stack.db.query(`SELECT count(*)::int AS pending FROM partner_submission WHERE processed_at IS NULL`);
        return pending === 0 ? true : undefined;
      },
      60_000,
      'every accepted submission processed',
    );
  });
});
