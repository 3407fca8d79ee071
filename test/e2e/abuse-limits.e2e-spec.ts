import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(60_000);

/** 1,000 requests with one key, 300 wrong operator passwords, 300 forged webhooks, oversized and malformed bodies. */
describe('abuse limits', () => {
  let stack: UnissonStack;
  beforeAll(async () => {
    stack = await startUnissonStack('e2e_abuse', { API_RATE_LIMIT_PER_SECOND: '20' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const get = (path: string, headers: Record<string, string>) => fetch(`${stack.baseUrl}${path}`, { headers });

  it('answers 429 with Retry-After once a key exceeds its rate on a route, and only on that route', async () => {
    const auth = { authorization: `Bearer ${stack.keys['bailleur-93']}` };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const started = Date.now();
    for (let i = 0; i < 1_000; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => get(`/v1/submissions/${randomUUID()}`, auth)));
      for (const r of batch) {
        statuses.push(r.status);
        if (r.status === 429) {
          retryAfter ??= r.headers.get('retry-after');
          expect(await r.json()).toMatchObject({
            code: 'RATE_LIMITED',
            message: expect.stringMatching(
              /^Trop de requêtes avec cette clé d’API sur cette route \(20 par seconde au plus\) : réessayez après/,
            ),
          });
        } else await r.arrayBuffer();
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const answered = statuses.filter((s) => s === 404).length;
    // 20/s with a burst of 4 s' worth: about 80 + 20 per second of the run get through, the rest wait.
    expect(answered).toBeGreaterThanOrEqual(78);
    expect(answered).toBeLessThanOrEqual(80 + Math.ceil(20 * seconds) + 5);
    expect(statuses.filter((s) => s === 429).length).toBe(1_000 - answered);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another partner's key, and the same key on another route, are not held back.
    expect((await get(`/v1/submissions/${randomUUID()}`, { authorization: `Bearer ${stack.keys['caf-93']}` })).status).toBe(404);
    expect((await get(`/v1/households/${randomUUID()}/plan`, auth)).status).toBe(404);
  });

  it('locks out, with a growing delay, a client that keeps trying operator passwords', async () => {
    const wrong = { authorization: `Basic ${Buffer.from('operateur:devine-moi').toString('base64')}` };
    const right = {
      authorization: `Basic ${Buffer.from(`${stack.config.security.dashboardUser}:${stack.config.security.dashboardPassword}`).toString('base64')}`,
    };
    const statuses: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 300; i++) {
      const r = await get('/tableau-de-bord', wrong);
      statuses.push(r.status);
      if (r.status === 429) delays.push(Number(r.headers.get('retry-after')));
      await r.arrayBuffer();
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(290);
    expect(Math.max(...delays)).toBeGreaterThan(delays[0]);
    // Locked out: even the right password waits, on the queue dashboard too.
    expect((await get('/tableau-de-bord', right)).status).toBe(429);
    const queues = await get('/queues', right);
    expect(queues.status).toBe(429);
    expect(Number(queues.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 429 to a client that keeps forging Twilio signatures', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const r = await fetch(`${stack.baseUrl}/v1/webhooks/twilio/message-status?messageId=${randomUUID()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': `forged-${i}` },
        body: 'MessageSid=SM123&MessageStatus=delivered',
      });
      statuses.push(r.status);
      if (i === 0) expect(((await r.json()) as { message: string }).message).toMatch(/^L’en-tête X-Twilio-Signature ne correspond pas/);
      else await r.arrayBuffer();
    }
    expect(statuses.slice(0, 19).every((s) => s === 403)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(270);
  });

  it('keeps the request body limit: 413 naming what to do, nothing stored', async () => {
    const [{ count: before }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    const r = await fetch(`${stack.baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.keys['bailleur-93']}` },
      body: JSON.stringify({ partnerRef: 'X'.repeat(300 * 1024) }),
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      // The limit Fastify applies to the route, not a second copy of the number.
      message: expect.stringMatching(/^Corps trop volumineux : 256 Ko au plus\. Envoyez moins de données/),
    });
    const [{ count: after }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    expect(after).toBe(before);
  });

  it('answers a broken body, a foreign content type or a body sent as text in French, saying what to send', async () => {
    const post = async (body: string, type: string) => {
      const r = await fetch(`${stack.baseUrl}/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${stack.keys['bailleur-93']}` },
        body,
      });
      return { status: r.status, ...((await r.json()) as { code: string; message: string }) };
    };
    expect(await post('{"partnerRef":', 'application/json')).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message:
        'Le corps de la requête n’est pas du JSON valide (position 14) : vérifiez la syntaxe à cet endroit (guillemets, virgules, accolades).',
    });
    expect(await post('', 'application/json')).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('est vide, alors que son en-tête Content-Type annonce du JSON'),
    });
    expect(await post('{}', 'application/merge-patch+json')).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Type de contenu non pris en charge (application/merge-patch+json) : envoyez Content-Type: application/json.',
    });
    expect(await post('{"partnerRef":"A"}', 'text/plain')).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('lu comme du texte : envoyez-le avec l’en-tête Content-Type: application/json'),
    });
  });

  it('answers an address that does not exist in French, naming what was asked', async () => {
    const r = await fetch(`${stack.baseUrl}/v1/alerts?x=1`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${stack.keys['bailleur-93']}` },
    });
    expect({ status: r.status, ...((await r.json()) as { code: string; message: string }) }).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message:
        'Cette adresse n’existe pas : DELETE /v1/alerts. Vérifiez le chemin et la méthode ; toutes les routes sont décrites sur /docs.',
    });
  });

  it('names a whole-number query parameter once, and says it was sent twice', async () => {
    const platform = { authorization: `Bearer ${stack.keys['departement-93']}` };
    const [team] = (await (await get('/v1/task-teams', platform)).json()) as Array<{ id: string }>;
    const said = async (query: string) => {
      const r = await get(`/v1/task-teams/${team!.id}/tasks?${query}`, platform);
      return { status: r.status, message: ((await r.json()) as { message: string }).message };
    };
    expect(await said('limit=2.5')).toEqual({
      status: 400,
      message: 'Requête invalide : vérifiez limit. limit : doit être un nombre entier (sans décimales) de 1 à 200',
    });
    expect(await said('limit=1&limit=2')).toEqual({
      status: 400,
      message:
        'Requête invalide : vérifiez limit. limit : envoyé 2 fois : envoyez ce paramètre une seule fois, un nombre entier de 1 à 200',
    });
    expect(await said('offset=1e20')).toEqual({
      status: 400,
      message: 'Requête invalide : vérifiez offset. offset : trop grand : envoyez un nombre entier de 0 à 1\u202f000\u202f000',
    });
  });

  it('answers 429 with Retry-After to a client that tries one password on many e-mails (password spraying)', async () => {
    const signIn = (email: string, password: string) =>
      fetch(`${stack.baseUrl}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const statuses: number[] = [];
    let refused: { status: number; retryAfter: string | null; body: { code: string; message: string } } | null = null;
    for (let i = 0; i < 30; i++) {
      const r = await signIn(`agent-${i}@caf93.demo`, 'Printemps2026!');
      statuses.push(r.status);
      const body = (await r.json()) as { code: string; message: string };
      if (r.status === 429) refused ??= { status: r.status, retryAfter: r.headers.get('retry-after'), body };
    }
    // SIGN_IN_CLIENT_POLICY: the 20th failure from one address locks it, whatever the e-mails.
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses.slice(19)).toEqual(Array(11).fill(429));
    expect(refused?.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused?.body.message).toMatch(/depuis votre adresse : réessayez dans \d+ s/);
    expect(Number(refused?.retryAfter)).toBeGreaterThanOrEqual(60);
    // Locked out: even a right password waits.
    const right = await signIn('admin@unisson.local', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    await right.arrayBuffer();
  });

  // Last: it locks this client out of API keys, which the tests above still use.
  it('keeps counting a client that names a new address in X-Forwarded-For on every guess (no proxy trusted)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const guess = `uk_${randomUUID().replace(/-/g, '').slice(0, 8)}_${randomUUID().replace(/-/g, '')}`;
      const r = await get(`/v1/submissions/${randomUUID()}`, { authorization: `Bearer ${guess}`, 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    // FORGERY_POLICY: the 20th unknown key locks the client, whatever address it claims.
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses.slice(19)).toEqual(Array(11).fill(429));
    // The operators' password too: after the lockout above, a fresh claimed address does not reopen it.
    const wrong = { authorization: `Basic ${Buffer.from('operateur:devine-moi').toString('base64')}`, 'x-forwarded-for': '198.51.100.7' };
    expect((await get('/queues', wrong)).status).toBe(429);
  });
});
