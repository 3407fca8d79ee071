/**
 * The authorization matrix, generated from the route table: every route the API serves (read from
 * the server at runtime) × every caller (each organisation kind's API key, a key without scopes,
 * partners' agents, a commissaire, a call agent, an analyst, the operator, the admin, nobody) ×
 * its own resource and another partner's, against the expected answer declared in
 * `authorization/route-expectations.ts`. A new route without a declaration fails here.
 */
import { routeTable, ServedRoute } from '../../apps/api/src/route-table';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';
import { expectationFor, expectedAnswer, matches, RouteExpectation, templateFor } from './authorization/matrix';
import { buildWorld, EVERYONE, MatrixWorld, Who } from './authorization/principals';
import { buildResources, Resources, Side } from './authorization/resources';
import { ROUTE_EXPECTATIONS } from './authorization/route-expectations';

jest.setTimeout(600_000);

describe('authorization matrix: every route × every caller × own / other partner’s resource', () => {
  let stack: UnissonStack;
  let world: MatrixWorld;
  let resources: Resources;
  let served: ServedRoute[];

  beforeAll(async () => {
    // The test stands for a reverse proxy on loopback, naming a new client address per request (see call()).
    stack = await startUnissonStack('e2e_authz_matrix', { TRUST_PROXY: 'loopback' });
    served = routeTable(stack.api);
    world = await buildWorld(stack);
    resources = await buildResources(stack, world);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('declares an expected answer for every route the server serves, and none for a route it does not serve', () => {
    expect(served.length).toBeGreaterThan(50);
    const missing = served.filter((r) => !expectationFor(ROUTE_EXPECTATIONS, r.method, r.url));
    const used = new Set(served.map((r) => expectationFor(ROUTE_EXPECTATIONS, r.method, r.url)?.key));
    const stale = Object.keys(ROUTE_EXPECTATIONS).filter((k) => !used.has(k));
    const problems = [
      ...(missing.length
        ? [
            `${missing.length} route(s) without an expected answer. Add to test/e2e/authorization/route-expectations.ts:`,
            ...missing.map((r) => templateFor(r.method, r.url)),
          ]
        : []),
      ...(stale.length ? [`Entries matching no served route (remove or rename them): ${stale.join(', ')}`] : []),
    ];
    expect(problems.join('\n')).toBe('');
  });

  it('answers another partner’s resource exactly as an unknown identifier (same status, same body)', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[Who, string, string]> = [
      [
        'cle:bailleur_social',
        `/v1/households/${await resources.idFor('household', 'cle:bailleur_social', 'other')}/plan`,
        `/v1/households/${unknown}/plan`,
      ],
      [
        'cle:bailleur_social',
        `/v1/submissions/${await resources.idFor('submission', 'cle:bailleur_social', 'other')}`,
        `/v1/submissions/${unknown}`,
      ],
      ['agent:caf', `/v1/campaigns/${await resources.idFor('campaign', 'agent:caf', 'other')}`, `/v1/campaigns/${unknown}`],
      [
        'cle:bailleur_social',
        `/v1/alerts/imports/${await resources.idFor('bulk_import', 'cle:bailleur_social', 'other')}`,
        `/v1/alerts/imports/${unknown}`,
      ],
    ];
    for (const [who, other, none] of cases) {
      const [a, b] = [await world.clients[who].get(other), await world.clients[who].get(none)];
      const strip = (body: unknown) => ({ ...(body as Record<string, unknown>), correlationId: undefined });
      expect({ status: a.status, body: strip(a.body) }).toEqual({ status: b.status, body: strip(b.body) });
      expect(a.status).toBe(404);
    }
  });

  it('serves the queue dashboard read-only to an operator, loading nothing from outside the service', async () => {
    const operator = world.clients.operateur;
    const page = await operator.get('/queues/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const references = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(3);
    expect(references.filter((r) => /^(https?:)?\/\//.test(r))).toEqual([]); // no web font, no CDN
    const base = /<base href="([^"]+)"/.exec(page.text)?.[1] ?? '/queues/';
    for (const asset of references.filter((r) => r.startsWith('static/'))) {
      expect({ asset, status: (await operator.get(`${base}${asset}`)).status }).toEqual({ asset, status: 200 });
    }
    const queues = await operator.get<{ queues: Array<{ name: string; readOnlyMode: boolean }> }>('/queues/api/queues');
    expect(queues.body.queues.length).toBeGreaterThan(3);
    expect(queues.body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const cleaned = await operator.request('PUT', '/queues/api/queues/coordination/clean/failed');
    expect(cleaned.status).toBe(405);
  });

  it('answers each caller as declared (nobody 401, not allowed 403, another partner’s resource 404 like an unknown one)', async () => {
    const mismatches: string[] = [];
    const routes = served
      .map((route) => ({ route, found: expectationFor(ROUTE_EXPECTATIONS, route.method, route.url) }))
      .filter((r): r is { route: ServedRoute; found: { key: string; expectation: RouteExpectation } } => r.found !== null)
      .sort((x, y) => Number(!!x.found.expectation.last) - Number(!!y.found.expectation.last));
    let requests = 0;
    for (const { route, found } of routes) {
      const expectation = found.expectation;
      const sides: Side[] = expectation.resource ? ['own', 'other'] : ['own'];
      await Promise.all(
        EVERYONE.map(async (who) => {
          for (const side of sides) {
            const path = await pathFor(route, expectation, who, side);
            const answer = await call(world.clients[who], route.method, path, expectation, who);
            requests++;
            const expected = expectedAnswer(expectation, who, side);
            if (!matches(expected, answer.status)) {
              mismatches.push(
                `${route.method} ${route.url} — ${who} (${side}) → ${answer.status}, expected ${JSON.stringify(expected)} — ${answer.text.slice(0, 160)}`,
              );
            }
          }
        }),
      );
    }
    expect(requests).toBeGreaterThan(1000);
    expect(mismatches.sort().join('\n')).toBe('');
  });

  async function pathFor(route: ServedRoute, expectation: RouteExpectation, who: Who, side: Side): Promise<string> {
    const resourceParam = expectation.param ?? 'id';
    let path = route.url;
    for (const [, name] of route.url.matchAll(/:([A-Za-z]+)/g)) {
      const value =
        name === resourceParam && expectation.resource
          ? await resources.idFor(expectation.resource, who, side)
          : (expectation.params?.[name] ?? '00000000-0000-4000-8000-000000000000');
      path = path.replace(`:${name}`, encodeURIComponent(value));
    }
    if (path.endsWith('*')) path = path.slice(0, -1) + (expectation.params?.['*'] ?? '');
    return expectation.query ? `${path}?${expectation.query}` : path;
  }

  let caller = 0;
  async function call(client: TestClient, method: string, path: string, expectation: RouteExpectation, who: Who) {
    const body = typeof expectation.body === 'function' ? expectation.body(who, path) : expectation.body;
    // Each request from its own address, through the trusted loopback proxy: the lockouts of failed logins and forged signatures
    // (per address) stay out of the matrix.
    caller++;
    const from = { 'x-forwarded-for': `10.${(caller >> 16) & 255}.${(caller >> 8) & 255}.${caller & 255}` };
    if (expectation.form) {
      const form = new URLSearchParams({ ...(body as Record<string, string>), ...(client.csrfToken ? { _csrf: client.csrfToken } : {}) });
      return client.request(method, path, method === 'GET' ? undefined : form, from);
    }
    if (method === 'GET' || method === 'DELETE') return client.request(method, path, undefined, from);
    return client.request(method, path, body ?? {}, from);
  }
});
