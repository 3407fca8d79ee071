import fc from 'fast-check';
import { computeTwilioSignature } from '@unisson/channels';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { eventually } from '../support/free-port';
import { householdOfAlert, TestClient } from '../support/http-client';
import { ServedRoute, startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(600_000);

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
    '0000-01-01T00:00:00Z',
    '1899-12-31T23:59:59+01:00',
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
    // An item more in an array (a key such as "2147483647" would make it two billion items long).
    else if (how === 'add' && Array.isArray(node[last])) (node[last] as unknown[]).push(value);
    else if (how === 'add' && node[last] && typeof node[last] === 'object') (node[last] as Record<string, unknown>)[keyOf(value)] = value;
    else node[last] = value;
    return copy;
  });
}

/** Valid bodies written by hand where an example helps the fuzzer get past the first field (the others come from the OpenAPI document). */
const HAND_WRITTEN_BODIES: Record<string, Record<string, unknown>> = {
  'POST /v1/alerts': validAlert,
  'POST /v1/stage-events': validEvent,
  'POST /v1/intents': validIntent,
  'POST /v1/linkage/review/decisions': {
    kind: 'merge',
    leftRecordId: '00000000-0000-4000-8000-000000000001',
    rightRecordId: '00000000-0000-4000-8000-000000000002',
  },
};

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  example?: unknown;
  default?: unknown;
};
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content?: Record<string, { schema?: JsonSchema; examples?: Record<string, { value: unknown }>; example?: unknown }>;
        };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** A plausible instance of a JSON schema: enough for the fuzzer to start from something the route accepts. */
function exampleOf(schema: JsonSchema | undefined, document: OpenApiDocument, depth = 0): unknown {
  if (!schema || depth > 6) return {};
  if (schema.$ref) return exampleOf(document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], document, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return exampleOf(choice[0], document, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, document, depth + 1)));
  const type = [schema.type ?? 'object'].flat()[0];
  if (type === 'object')
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v, document, depth + 1)]));
  if (type === 'array') return [exampleOf(schema.items, document, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  const formats: Record<string, string> = {
    date: '2026-11-02',
    'date-time': '2026-11-02T10:00:00+01:00',
    email: 'agent@example.org',
    uuid: '00000000-0000-4000-8000-000000000001',
    uri: 'https://example.org/hook',
  };
  return formats[schema.format ?? ''] ?? 'exemple';
}

/** The documented example of a route's JSON body, or an instance of its schema, or a hand-written one. */
function validBodyOf(route: ServedRoute, document: OpenApiDocument): Record<string, unknown> {
  const hand = HAND_WRITTEN_BODIES[`${route.method} ${route.url}`];
  if (hand) return hand;
  const openApiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
  const content = document.paths[openApiPath]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json'];
  const documented = content?.examples ? Object.values(content.examples)[0]?.value : content?.example;
  const body = documented ?? exampleOf(content?.schema, document);
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : { value: body };
}

/** Query keys the routes read (and one nobody reads). */
const QUERY_KEYS = [
  'channel',
  'locale',
  'limit',
  'format',
  'territory',
  'partnerId',
  'householdId',
  'actorPartnerId',
  'suivant',
  'statut',
  'inconnu',
];

describe('every public input, fuzzed: never a 5xx, never a partial write', () => {
  let stack: UnissonStack;
  let document: OpenApiDocument;
  /** Tables only the API writes: a refused request must leave each as it was (the worker writes the others meanwhile). */
  const API_TABLES = [
    'partner_submission',
    'inbound_response',
    'household_opt_out',
    'partner',
    'partner_api_key',
    'account',
    'account_session',
    'sharing_agreement',
    'campaign',
    'bulk_import',
    'linkage_decision',
    'webhook_endpoint',
  ];
  const counts = async () =>
    (await stack.db.query(`SELECT ${API_TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`))[0] as Record<
      string,
      number
    >;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_fuzz', { API_RATE_LIMIT_PER_SECOND: '100000' });
    document = (await (await fetch(`${stack.baseUrl}/docs/openapi.json`)).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const send = async (method: string, path: string, body: string | undefined, headers: Record<string, string>) => {
    const before = await counts();
    const r = await fetch(`${stack.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await r.text();
    if (r.status >= 500) throw new Error(`${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    if (r.status >= 400) {
      expect({ path, status: r.status, counts: await counts() }).toEqual({ path, status: r.status, counts: before });
      // The API answers errors in one shape; the French pages answer a page a person can read.
      // (Households' pages under /v1, such as the e-mail links, answer HTML.)
      if (path.startsWith('/v1/') && (r.headers.get('content-type') ?? '').includes('json'))
        expect({ path, body: JSON.parse(text) as unknown }).toMatchObject({
          path,
          body: { statusCode: r.status, code: expect.any(String), correlationId: expect.any(String) },
        });
    }
    return r.status;
  };

  /** Who calls: a partner's key, the operators' key, or a signed-in administrator (cookie and CSRF token). */
  const callers = async (): Promise<Record<string, Record<string, string>>> => {
    const admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
    return {
      bailleur: { authorization: `Bearer ${stack.keys['bailleur-93']}` },
      operateur: { authorization: `Bearer ${stack.keys['operateur']}` },
      admin: { cookie: admin.cookie ?? '', 'x-csrf-token': admin.csrfToken ?? '' },
    };
  };

  /** A path with each `:parameter` (and `*`) replaced: a nasty string percent-encoded, or a well-formed UUID nobody holds. */
  const concretePath = (url: string) =>
    fc
      .tuple(
        fc.array(fc.oneof(nastyString.map(encodeBytes), fc.uuid().map(String), fc.constantFrom('start', 'cancel', 'sms.rappelDette')), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.dictionary(fc.constantFrom(...QUERY_KEYS), nastyString.map(encodeBytes), { maxKeys: 3 }),
      )
      .map(([segments, query]) => {
        let i = 0;
        const path = url.replace(/:[A-Za-z]+|\*/g, () => segments[i++ % segments.length]);
        const search = Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&');
        return search ? `${path}?${search}` : path;
      });

  it('reads the route table: every controller’s routes are fuzzed below, none listed by hand', () => {
    const served = stack.routes.map((r) => `${r.method} ${r.url}`);
    expect(served).toEqual(expect.arrayContaining(['GET /v1/submissions/:id', 'POST /v1/alerts', 'PATCH /v1/households/:id/contacts']));
    expect(stack.routes.filter((r) => r.method === 'GET').length).toBeGreaterThan(20);
  });

  const routesOf = (...methods: string[]) => stack.routes.filter((r) => methods.includes(r.method));

  it('path and query parameters of every GET route of the route table', async () => {
    const who = await callers();
    for (const { url } of routesOf('GET')) {
      await fc.assert(
        fc.asyncProperty(concretePath(url), fc.constantFrom(...Object.keys(who)), async (path, caller) => {
          await send('GET', path, undefined, who[caller]);
        }),
        { numRuns: 12 },
      );
    }
  });

  it('bodies, path parameters and Idempotency-Key of every route of the route table that changes something', async () => {
    for (const { method, url } of routesOf('POST', 'PATCH', 'PUT', 'DELETE')) {
      const valid = validBodyOf({ method, url }, document);
      // Signed in again for each route: one of them is the sign-out.
      const who = await callers();
      const body = fc.oneof(
        { weight: 4, arbitrary: mutated(valid).map((b) => ({ type: 'application/json', text: JSON.stringify(b) })) },
        {
          weight: 1,
          arbitrary: fc
            .dictionary(nastyString, nastyString, { maxKeys: 4 })
            .map((form) => ({ type: 'application/x-www-form-urlencoded', text: new URLSearchParams(form).toString() })),
        },
      );
      await fc.assert(
        fc.asyncProperty(
          concretePath(url),
          body,
          fc.constantFrom(...Object.keys(who)),
          fc.option(headerValue, { nil: undefined }),
          async (path, { type, text }, caller, key) => {
            if (method === 'DELETE') return void (await send(method, path, undefined, who[caller]));
            const headers = { ...who[caller], 'content-type': type, ...(key === undefined ? {} : { 'idempotency-key': key }) };
            await send(method, path, text, headers);
          },
        ),
        { numRuns: 15 },
      );
    }
  });

  it('bodies nested too deep, holding "__proto__" or 20,000 unknown keys: a 400 that says so on every route, signed in or not', async () => {
    const deepArrays = '['.repeat(6_000) + ']'.repeat(6_000);
    const deepObjects = '{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000);
    const prototypeKey = JSON.stringify({ partnerRef: 'FUZZ-1' }).replace('{', '{"__proto__":{"admin":true},');
    const who = { anonymous: {}, ...(await callers()) };
    for (const { method, url } of routesOf('POST', 'PATCH', 'PUT')) {
      const path = url.replace(/:[A-Za-z]+|\*/g, '00000000-0000-4000-8000-000000000001');
      for (const headers of Object.values(who)) {
        for (const [body, named] of [
          [deepArrays, 'imbriqué sur plus de 32 niveaux'],
          [deepObjects, 'imbriqué sur plus de 32 niveaux'],
          [prototypeKey, '"__proto__"'],
        ]) {
          const r = await fetch(`${stack.baseUrl}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body });
          if (url.startsWith('/r/')) {
            // The household's page answers its own page (here: the link is unknown), never the API's JSON.
            const page = { route: `${method} ${url}`, status: r.status, type: r.headers.get('content-type') };
            expect(page).toEqual({ route: page.route, status: 404, type: 'text/html; charset=utf-8' });
            continue;
          }
          const answer = { route: `${method} ${url}`, status: r.status, message: ((await r.json()) as { message?: string }).message };
          expect(answer).toEqual({ route: answer.route, status: 400, message: expect.stringContaining(named) });
        }
      }
    }
    const unknownKeys = Object.fromEntries([...Object.entries(validAlert), ...Array.from({ length: 20_000 }, (_, i) => [`cle${i}`, 1])]);
    const before = await counts();
    const r = await fetch(`${stack.baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` },
      body: JSON.stringify(unknownKeys),
    });
    const text = await r.text();
    expect({ status: r.status, size: text.length < 4_000, counted: text.includes('… et 19980 autres') }).toEqual({
      status: 400,
      size: true,
      counted: true,
    });
    expect(await counts()).toEqual(before);
  });

  it('a first unpaid rent or a stage dated 2099: a 400 naming the field, nothing stored', async () => {
    const landlord = { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` };
    for (const [path, body, field] of [
      ['/v1/alerts', { ...validAlert, arrears: { amount: 1200, firstUnpaidOn: '2099-11-05' } }, 'arrears.firstUnpaidOn'],
      ['/v1/stage-events', { ...validEvent, occurredOn: '2099-11-20' }, 'occurredOn'],
    ] as const) {
      const before = await counts();
      const r = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers: landlord, body: JSON.stringify(body) });
      const answer = (await r.json()) as { errors?: Array<{ field: string }> };
      expect({ path, status: r.status, fields: answer.errors?.map((e) => e.field) }).toEqual({ path, status: 400, fields: [field] });
      expect(await counts()).toEqual(before);
    }
  });

  it('a summons whose hearing comes before it: a 400 naming hearing.at, in French, nothing stored', async () => {
    const before = await counts();
    const r = await fetch(`${stack.baseUrl}/v1/stage-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['commissaire-93']}` },
      body: JSON.stringify({
        partnerRef: 'CJ-2026-0420',
        type: 'assignation',
        occurredOn: '2026-12-01',
        hearing: { at: '2026-11-20T09:00:00+01:00', place: 'Tribunal de proximité de Saint-Denis' },
        tenant: { lastName: 'Nguyen', firstName: 'Anh' },
        address: { street: '12 bis avenue Jean Jaurès', postalCode: '93200', city: 'Saint-Denis' },
      }),
    });
    const answer = (await r.json()) as { errors?: Array<{ field: string; message: string }> };
    expect({ status: r.status, errors: answer.errors }).toEqual({
      status: 400,
      errors: [{ field: 'hearing.at', message: expect.stringContaining('doit tomber après le jour de l’assignation') }],
    });
    expect(await counts()).toEqual(before);
  });

  it('a hearing reported as held in 2020: a 400 naming hearing.at, in French, nothing stored; one held yesterday is taken', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['commissaire-93']}` };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const audience = (partnerRef: string, at: string) => ({
      partnerRef,
      type: 'audience',
      occurredOn: day(-1),
      hearing: { at, place: 'Tribunal judiciaire de Bobigny' },
      tenant: { lastName: 'Okafor', firstName: 'Chidi' },
      address: { street: '3 rue du Landy', postalCode: '93200', city: 'Saint-Denis' },
    });
    const before = await counts();
    const r = await fetch(`${stack.baseUrl}/v1/stage-events`, {
      method: 'POST',
      headers,
      body: JSON.stringify(audience('CJ-2026-0421', '2020-01-01T09:00:00Z')),
    });
    const answer = (await r.json()) as { errors?: Array<{ field: string; message: string }> };
    expect(r.status).toBe(400);
    expect([...new Set(answer.errors?.map((e) => e.field))]).toEqual(['hearing.at']);
    expect(answer.errors?.[0].message).toMatch(/ne peut pas être passée de plus de 30 jours|avant le jour de l’événement/);
    expect(await counts()).toEqual(before);
    const yesterday = await fetch(`${stack.baseUrl}/v1/stage-events`, {
      method: 'POST',
      headers,
      body: JSON.stringify(audience('CJ-2026-0422', `${day(-1)}T09:00:00Z`)),
    });
    expect(yesterday.status).toBe(202);
  });

  it('a household in a collectivité Unisson does not cover (Saint-Pierre-et-Miquelon, Nouméa): a 400 saying why, not a 404', async () => {
    const landlord = { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` };
    for (const postalCode of ['97500', '98800']) {
      const before = await counts();
      const body = { ...validAlert, address: { ...validAlert.address, postalCode } };
      const r = await fetch(`${stack.baseUrl}/v1/alerts`, { method: 'POST', headers: landlord, body: JSON.stringify(body) });
      const answer = (await r.json()) as { errors?: Array<{ field: string; message: string }> };
      expect({ postalCode, status: r.status, errors: answer.errors }).toEqual({
        postalCode,
        status: 400,
        errors: [{ field: 'address.postalCode', message: expect.stringContaining('n’est pas celui d’un département') }],
      });
      expect(await counts()).toEqual(before);
    }
  });

  it('a date of year 0000, 0001, 1000 or 1899 on any dated input (an outcome included): a 400 naming the field, nothing stored', async () => {
    const landlordKey = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    const householdId = await householdOfAlert(landlordKey, { ...validAlert, partnerRef: 'FUZZ-DATES-1' });
    const landlord = { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` };
    const events = async () =>
      ((await stack.db.query(`SELECT count(*)::int AS n FROM response_event WHERE household_id = $1`, [householdId])) as [{ n: number }])[0]
        .n;
    for (const year of ['0000', '0001', '1000', '1899']) {
      for (const [path, body, field] of [
        [
          `/v1/households/${householdId}/outcomes`,
          { kind: 'evicted', occurredAt: `${year}-01-01T00:00:00Z`, eventId: `x-${year}` },
          'occurredAt',
        ],
        ['/v1/alerts', { ...validAlert, arrears: { amount: 1200, firstUnpaidOn: `${year}-11-05` } }, 'arrears.firstUnpaidOn'],
        ['/v1/stage-events', { ...validEvent, occurredOn: `${year}-11-20` }, 'occurredOn'],
      ] as const) {
        const before = [await counts(), await events()];
        const r = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers: landlord, body: JSON.stringify(body) });
        const answer = (await r.json()) as { errors?: Array<{ field: string; message: string }> };
        expect({ path, year, status: r.status, fields: answer.errors?.map((e) => e.field) }).toEqual({
          path,
          year,
          status: 400,
          fields: [field],
        });
        expect(answer.errors?.[0]?.message).toMatch(/entre le 1900-01-01 et le 2100-12-31|ne peut pas/);
        expect([await counts(), await events()]).toEqual(before);
      }
    }
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
