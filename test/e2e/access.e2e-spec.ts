import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(90_000);

describe('partners, keys, people and the access policy over HTTP', () => {
  let stack: UnissonStack;
  let admin: TestClient;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_access');
    admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sets a session cookie that is HttpOnly and SameSite=Strict, and never accepts a wrong password', async () => {
    const client = new TestClient(stack.baseUrl);
    const ok = await client.post('/v1/sessions', { email: 'operateur@unisson.local', password: DEMO_PASSWORD });
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/unisson_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const wrong = await client.post('/v1/sessions', { email: 'operateur@unisson.local', password: 'pas le bon mot de passe' });
    expect(wrong.status).toBe(401);
    const unknown = await client.post('/v1/sessions', { email: 'personne@nulle.part', password: 'pas le bon mot de passe' });
    expect(unknown.status).toBe(401);
    const { correlationId: _a, ...unknownBody } = unknown.body as { correlationId: string };
    const { correlationId: _b, ...wrongBody } = wrong.body as { correlationId: string };
    expect(unknownBody).toEqual(wrongBody); // an unknown e-mail answers exactly like a wrong password
  });

  it('locks an account after five wrong passwords, even for the right one, and an admin unlocks it', async () => {
    const created = await admin.post<{ id: string }>('/v1/admin/accounts', {
      email: 'bloque@caf93.demo',
      displayName: 'Agent à bloquer',
      role: 'partner_staff',
      partnerId: (await stack.db.query(`SELECT id FROM partner WHERE slug = 'caf-93'`))[0].id,
      password: 'un mot de passe assez long',
    });
    expect(created.status).toBe(201);
    const client = new TestClient(stack.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post('/v1/sessions', { email: 'bloque@caf93.demo', password: `faux-${i}-xxxxxxxx` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await client.post('/v1/sessions', { email: 'bloque@caf93.demo', password: 'un mot de passe assez long' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await admin.request('PATCH', `/v1/admin/accounts/${created.body.id}`, { unlock: true })).status).toBe(200);
    expect((await client.signIn('bloque@caf93.demo', 'un mot de passe assez long')).status).toBe(201);
  });

  it('locks an e-mail without an account exactly like an account, so the answers do not tell which exist', async () => {
    const partnerId = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'caf-93'`))[0].id;
    const created = await admin.post('/v1/admin/accounts', {
      email: 'existe@caf93.demo',
      displayName: 'Agent existant',
      role: 'partner_staff',
      partnerId,
      password: 'un mot de passe assez long',
    });
    expect(created.status).toBe(201);
    const client = new TestClient(stack.baseUrl);
    const answersFor = async (email: string) => {
      const answers: Array<{ status: number; retryAfter: string | null; body: unknown }> = [];
      for (let i = 0; i < 6; i++) {
        const r = await client.post<{ correlationId: string }>('/v1/sessions', { email, password: `faux-${i}-xxxxxxxx` });
        const { correlationId: _id, ...body } = r.body;
        answers.push({ status: r.status, retryAfter: r.headers.get('retry-after'), body });
      }
      return answers;
    };
    const existing = await answersFor('existe@caf93.demo');
    const unknown = await answersFor('  Personne@CAF93.demo '); // as typed: spaces and capitals do not make a new e-mail
    expect(existing.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown[4].body).toEqual({
      statusCode: 429,
      code: 'ACCOUNT_LOCKED',
      message: expect.stringMatching(/compte bloqué encore 60 s/),
    });
    // Same answers, same delays (a second may tick between the two runs).
    const shape = (a: { status: number; body: unknown }) => ({ status: a.status, body: JSON.stringify(a.body).replace(/\d+ s\b/g, 'N s') });
    expect(unknown.map(shape)).toEqual(existing.map(shape));
    for (const i of [4, 5]) expect(Math.abs(Number(unknown[i].retryAfter) - Number(existing[i].retryAfter))).toBeLessThanOrEqual(1);
  });

  it('answers an empty change ({}) of a partner or an account with a 400 naming the fields, and changes nothing', async () => {
    const rows = async () =>
      (
        await stack.db.query(
          `SELECT (SELECT to_jsonb(p) FROM partner p WHERE slug = 'caf-93') AS partner,
                (SELECT to_jsonb(a) FROM account a WHERE email = 'admin@unisson.local') AS account`,
        )
      )[0] as { partner: { id: string }; account: { id: string } };
    const before = await rows();
    const { partner, account } = before;
    for (const [path, fields] of [
      [`/v1/admin/partners/${partner.id}`, 'name, territories, publicPhone, disabled'],
      [`/v1/admin/accounts/${account.id}`, 'password, disabled, unlock'],
    ]) {
      const answer = await admin.request<{ errors: unknown }>('PATCH', path, {});
      expect({ path, status: answer.status, errors: answer.body.errors }).toEqual({
        path,
        status: 400,
        errors: [{ field: '(body)', message: `au moins un champ à modifier est requis (${fields})` }],
      });
    }
    // Asking to unlock nothing is a no-op, not an UPDATE without a column.
    expect((await admin.request('PATCH', `/v1/admin/accounts/${account.id}`, { unlock: false })).status).toBe(200);
    expect(await rows()).toEqual(before);
  });

  it('refuses a sharing agreement giving analysts a personal field, naming fields, in French, and stores nothing', async () => {
    const agreements = async () => stack.db.query(`SELECT territory, partner_kind, fields FROM sharing_agreement ORDER BY 1, 2`);
    const before = await agreements();
    const answer = await admin.request<{ errors: unknown }>('PUT', '/v1/admin/sharing-agreements', {
      territory: '93',
      partnerKind: 'analyste',
      fields: ['identity', 'phone'],
    });
    expect({ status: answer.status, errors: answer.body.errors }).toEqual({
      status: 400,
      errors: [
        {
          field: 'fields',
          message:
            'un organisme d’analyse ne lit que des chiffres agrégés : aucun champ personnel ne peut lui être ouvert (retirez identity, phone)',
        },
      ],
    });
    expect(await agreements()).toEqual(before);
    // Aggregates' context stays possible: the stage of procedures.
    expect(
      (await admin.request('PUT', '/v1/admin/sharing-agreements', { territory: '93', partnerKind: 'analyste', fields: ['stage'] })).status,
    ).toBe(200);
  });

  it('refuses a partner territory that is no département (Saint-Pierre-et-Miquelon), naming the field and saying why', async () => {
    const answer = await admin.post<{ errors: Array<{ field: string; message: string }> }>('/v1/admin/partners', {
      slug: 'bailleur-spm',
      name: 'Bailleur de l’Atlantique',
      kind: 'bailleur_social',
      territories: ['57', '975'],
    });
    expect({ status: answer.status, errors: answer.body.errors }).toEqual({
      status: 400,
      errors: [{ field: 'territories.1', message: expect.stringContaining('975, 977, 978 et 98x sont des collectivités') }],
    });
    expect(await stack.db.query(`SELECT 1 FROM partner WHERE slug = 'bailleur-spm'`)).toEqual([]);
  });

  it('refuses a change made with a session but without its CSRF token', async () => {
    const forged = new TestClient(stack.baseUrl);
    forged.cookie = admin.cookie;
    const answer = await forged.post('/v1/admin/partners', { slug: 'pirate-93', name: 'Pirate', kind: 'association', territories: ['93'] });
    expect(answer.status).toBe(403);
    expect((answer.body as { code: string }).code).toBe('CSRF_TOKEN_INVALID');
    const [{ count }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner WHERE slug = 'pirate-93'`);
    expect(count).toBe(0);
  });

  it('issues a key shown once, rotates it with an overlap, and revokes it', async () => {
    const partner = await admin.post<{ id: string }>('/v1/admin/partners', {
      slug: 'bailleur-prive-38',
      name: 'Foncière des Alpes',
      kind: 'bailleur_prive',
      territories: ['38', '73'],
    });
    expect(partner.status).toBe(201);
    const issued = await admin.post<{ token: string; key: { id: string; prefix: string } }>(`/v1/admin/partners/${partner.body.id}/keys`, {
      label: 'Logiciel',
      scopes: ['alerts:write'],
    });
    expect(issued.status).toBe(201);
    expect(issued.body.token.startsWith(`uk_${issued.body.key.prefix}_`)).toBe(true);
    // The secret is what follows the prefix (base64url: it may hold "_" itself).
    const secret = issued.body.token.slice(`uk_${issued.body.key.prefix}_`.length);
    const listed = await admin.get<unknown[]>(`/v1/admin/partners/${partner.body.id}/keys`);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [{ secret_hash }] = await stack.db.query(`SELECT secret_hash FROM partner_api_key WHERE id = $1`, [issued.body.key.id]);
    expect(secret_hash).not.toContain(secret);

    const landlord = new TestClient(stack.baseUrl, issued.body.token);
    expect((await landlord.get('/v1/submissions/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const rotated = await admin.post<{ token: string }>(`/v1/admin/keys/${issued.body.key.id}/rotation`, { overlapHours: 1 });
    expect(rotated.status).toBe(201);
    const renewed = new TestClient(stack.baseUrl, rotated.body.token);
    // During the overlap both work.
    expect((await landlord.get('/v1/submissions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await renewed.get('/v1/submissions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // A second rotation of the old key is refused: rotate the new one.
    expect((await admin.post(`/v1/admin/keys/${issued.body.key.id}/rotation`, { overlapHours: 1 })).status).toBe(409);

    const rotatedNoOverlap = await admin.post<{ token: string; key: { id: string } }>(
      `/v1/admin/keys/${(await stack.db.query(`SELECT id FROM partner_api_key WHERE replaced_by_key_id IS NULL AND partner_id = $1`, [partner.body.id]))[0].id}/rotation`,
      { overlapHours: 0 },
    );
    expect(rotatedNoOverlap.status).toBe(201);
    expect((await renewed.get('/v1/submissions/00000000-0000-4000-8000-000000000000')).status).toBe(401);

    expect((await admin.post(`/v1/admin/keys/${rotatedNoOverlap.body.key.id}/revocation`)).status).toBe(200);
    expect(
      (await new TestClient(stack.baseUrl, rotatedNoOverlap.body.token).get('/v1/submissions/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(401);
  });

  it('stops a disabled partner’s keys on the very next request, and lets them work again when re-enabled', async () => {
    const partner = await admin.post<{ id: string }>('/v1/admin/partners', {
      slug: 'association-a-suspendre-93',
      name: 'Association à suspendre',
      kind: 'association',
      territories: ['93'],
    });
    expect(partner.status).toBe(201);
    const issued = await admin.post<{ token: string }>(`/v1/admin/partners/${partner.body.id}/keys`, {
      label: 'Logiciel',
      scopes: ['alerts:write'],
    });
    const software = new TestClient(stack.baseUrl, issued.body.token);
    const unknownSubmission = '/v1/submissions/00000000-0000-4000-8000-000000000000';
    expect((await software.get(unknownSubmission)).status).toBe(404); // the key is now verified and cached
    expect((await admin.request('PATCH', `/v1/admin/partners/${partner.body.id}`, { disabled: true })).status).toBe(200);
    expect((await software.get(unknownSubmission)).status).toBe(401);
    expect((await admin.request('PATCH', `/v1/admin/partners/${partner.body.id}`, { disabled: false })).status).toBe(200);
    expect((await software.get(unknownSubmission)).status).toBe(404);
  });

  it('keeps the admin API from partners’ keys and from people of other roles', async () => {
    expect((await new TestClient(stack.baseUrl, stack.keys.operateur).get('/v1/admin/partners')).status).toBe(403);
    const operator = new TestClient(stack.baseUrl);
    await operator.signIn('operateur@unisson.local', DEMO_PASSWORD);
    expect((await operator.get('/v1/admin/partners')).status).toBe(403);
    expect((await new TestClient(stack.baseUrl).get('/v1/admin/partners')).status).toBe(401);
  });

  it('lets an operator session into the dashboards, and sends a browser without one to the sign-in page', async () => {
    const operator = new TestClient(stack.baseUrl);
    await operator.signIn('operateur@unisson.local', DEMO_PASSWORD);
    expect((await operator.get('/tableau-de-bord')).status).toBe(200);
    expect((await operator.get('/queues/')).status).toBe(200);
    expect((await new TestClient(stack.baseUrl).get('/tableau-de-bord')).status).toBe(401);
    const page = await new TestClient(stack.baseUrl).get('/admin');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/connexion?suivant=%2Fadmin');
  });

  it('signs in through the French form with its CSRF cookie and shows the admin pages', async () => {
    const form = await fetch(`${stack.baseUrl}/connexion`);
    // Never inside another site's frame: a click on its form cannot be tricked.
    expect(form.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(form.headers.get('x-frame-options')).toBe('DENY');
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const submitted = await fetch(`${stack.baseUrl}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ _csrf: csrf, email: 'admin@unisson.local', password: DEMO_PASSWORD, suivant: '/admin' }).toString(),
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe('/admin');
    const session = (submitted.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await fetch(`${stack.baseUrl}/admin`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Habitat Solidaire 93');
    expect(text).toContain('Ajouter un partenaire');
    const offsite = await fetch(`${stack.baseUrl}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'admin@unisson.local',
        password: DEMO_PASSWORD,
        suivant: '//evil.example',
      }).toString(),
    });
    expect(offsite.headers.get('location')).toBe('/espace');
  });

  it('writes every admin change to the audit trail, which admins can query and nobody can alter', async () => {
    const entries = await admin.get<Array<{ action: string; actorType: string; outcome: string }>>('/v1/admin/audit?action=api_key.');
    expect(entries.status).toBe(200);
    expect(entries.body.map((e) => e.action)).toEqual(expect.arrayContaining(['api_key.issue', 'api_key.rotate', 'api_key.revoke']));
    expect(entries.body.every((e) => e.actorType === 'account' && e.outcome === 'success')).toBe(true);
    const signIns = await admin.get<Array<{ outcome: string }>>('/v1/admin/audit?action=account.sign_in&outcome=denied');
    expect(signIns.body.length).toBeGreaterThanOrEqual(6);
    await expect(stack.db.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    const rows = await stack.db.query(`SELECT * FROM audit_entry`);
    expect(JSON.stringify(rows)).not.toMatch(/unisson\.local|caf93\.demo|@/);
  });
});
