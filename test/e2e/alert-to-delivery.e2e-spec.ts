import twilio from 'twilio';
import { eventually } from '../support/free-port';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(60_000);

/** Distinct tenants in distinct flats: household matching must not merge them. */
const TENANTS: Record<string, { tenant: { lastName: string; firstName: string }; street: string }> = {
  'HS93-E2E-2': { tenant: { lastName: 'Okafor', firstName: 'Chidi' }, street: '3 rue Gabriel Péri' },
  'HS93-E2E-4': { tenant: { lastName: 'Lefèvre', firstName: 'Marc' }, street: '41 boulevard Anatole France' },
  'HS93-E2E-5': { tenant: { lastName: 'Haddad', firstName: 'Samir' }, street: '7 rue du Landy' },
  'HS93-E2E-7': { tenant: { lastName: 'Petit', firstName: 'Julie' }, street: '19 rue de la Légion d’Honneur' },
};

const alert = (partnerRef: string, overrides: Record<string, unknown> = {}) => ({
  partnerRef,
  tenant: TENANTS[partnerRef]?.tenant ?? { lastName: 'Nguyen', firstName: 'Thi' },
  address: { street: TENANTS[partnerRef]?.street ?? '12 bis avenue Jean Jaurès', extra: 'Bât B', postalCode: '93200', city: 'Saint-Denis' },
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
    stack.db.query(`SELECT id, channel, status, body, provider_message_id FROM outbound_message WHERE household_id = $1 ORDER BY channel`, [
      householdId,
    ]);

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

    const email = await eventually(
      () => stack.sandbox.store.emails.find((e) => e.to.includes('thi.nguyen@example.org')),
      15_000,
      'the e-mail',
    );
    expect(email.subject).toMatch(/loyer/i);
    const { text, html } = await stack.sandbox.store.emailBodies(email);
    expect(text).toMatch(/1\s024,80\s€/);
    expect(html).toContain('Habitat Solidaire 93');

    const outcome = await eventually(async () => {
      const r = await fetch(`${stack.baseUrl}/v1/submissions/${accepted.submissionId}`, {
        headers: { authorization: `Bearer ${stack.keys['bailleur-93']}` },
      });
      const body = (await r.json()) as { status: string; outcome: { householdId: string } };
      return body.status === 'processed' ? body : undefined;
    });
    const delivered = await eventually(
      async () => {
        const rows = (await messageRows(outcome.outcome.householdId)) as Array<{
          channel: string;
          status: string;
          provider_message_id: string;
        }>;
        const smsRow = rows.find((r) => r.channel === 'sms');
        return smsRow?.status === 'delivered' ? rows : undefined;
      },
      15_000,
      'the SMS to be delivered',
    );
    expect(delivered.find((r) => r.channel === 'sms')!.provider_message_id).toBe(sms.sid);
    expect(delivered.find((r) => r.channel === 'email')!.status).toBe('sent');
    const history = await stack.db.query(
      `SELECT to_status, source FROM message_status_event e JOIN outbound_message m ON m.id = e.message_id WHERE m.provider_message_id = $1 ORDER BY e.id`,
      [sms.sid],
    );
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it('answers a retried call with the first result and never sends twice', async () => {
    const first = await post('/v1/alerts', alert('HS93-E2E-2', { contacts: { phone: '06 98 76 54 32' } }), {
      'idempotency-key': 'e2e-alert-0002',
    });
    const second = await post('/v1/alerts', alert('HS93-E2E-2', { contacts: { phone: '06 98 76 54 32' } }), {
      'idempotency-key': 'e2e-alert-0002',
    });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { submissionId: string }).submissionId).toBe(
      ((await first.json()) as { submissionId: string }).submissionId,
    );
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33698765432'), 15_000, 'the SMS');
    await new Promise((r) => setTimeout(r, 500));
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33698765432')).toHaveLength(1);

    const reused = await post('/v1/alerts', alert('HS93-E2E-OTHER'), { 'idempotency-key': 'e2e-alert-0002' });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const [{ count: before }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    const response = await post(
      '/v1/alerts',
      alert('HS93-E2E-3', { address: { street: '1 rue X', postalCode: '9320', city: 'Saint-Denis' } }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string; errors: Array<{ field: string }>; correlationId: string };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field)).toEqual(['address.postalCode']);
    expect(body.message).toContain('address.postalCode');
    expect(body.correlationId).toBeTruthy();
    const [{ count: after }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    expect(after).toBe(before);
  });

  it('refuses a name or an address holding a control of the direction of text (« Trojan source »), naming the field in French', async () => {
    const [{ count: before }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    const response = await post(
      '/v1/alerts',
      alert('HS93-E2E-BIDI', {
        tenant: { lastName: 'Nguyen\u202E', firstName: 'Thi' },
        address: { street: '\u20664 rue de la Paix', postalCode: '93200', city: 'Saint-Denis' },
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; errors: Array<{ field: string; message: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { field: 'tenant.lastName', message: expect.stringContaining('caractère de contrôle du sens de lecture') },
      { field: 'address.street', message: expect.stringContaining('caractère de contrôle du sens de lecture') },
    ]);
    const [{ count: after }] = await stack.db.query(`SELECT count(*)::int AS count FROM partner_submission`);
    expect(after).toBe(before);
  });

  it('reads a control of the direction of text in an SMS reply as a space: STOP followed by one is still STOP', async () => {
    const stop = await stack.sandbox.simulateInboundSms('+33755443302', 'STOP\u202E');
    expect(stop.webhookStatus).toBe(200);
    expect(await stack.db.query(`SELECT kind FROM inbound_response WHERE external_id = $1`, [stop.messageSid])).toEqual([
      { kind: 'opt_out' },
    ]);
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

  const processed = async (submissionId: string, key = stack.keys['bailleur-93']) =>
    eventually(
      async () => {
        const r = await fetch(`${stack.baseUrl}/v1/submissions/${submissionId}`, { headers: { authorization: `Bearer ${key}` } });
        const body = (await r.json()) as { status: string; outcome: { householdId: string; linkage: string } };
        return body.status === 'processed' || body.status === 'rejected' ? body.outcome : undefined;
      },
      15_000,
      'the submission to be processed',
    );
  type PlanView = {
    contacts: Array<{
      key: string;
      channel: string;
      purpose: string;
      status: string;
      leadPartnerId: string;
      window: { notBefore: string };
    }>;
    stage: string;
    trace: Array<{ code: string; message: string }>;
  };
  /** The plan is written just after the submission is marked processed: a 404 is asked again for a few seconds. */
  const plan = async (householdId: string, key: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = await fetch(`${stack.baseUrl}/v1/households/${householdId}/plan`, { headers: { authorization: `Bearer ${key}` } });
      const found = { status: r.status, body: (await r.json()) as PlanView };
      if (found.status !== 404 || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  /** The submission says "processed" once recorded; the engine plans right after: wait for the plan. */
  const planOnceReady = (householdId: string, key: string) =>
    eventually(
      async () => {
        const found = await plan(householdId, key);
        return found.status === 200 ? found : undefined;
      },
      10_000,
      'the plan',
    );

  it('receives a reply holding a form feed or half an emoji (a phone sends them) instead of refusing it', async () => {
    const received = await stack.sandbox.simulateInboundSms('+33755443300', 'Bonjour\u000cje rappelle \ud83d demain');
    expect(received.webhookStatus).toBe(200);
    const rows = await stack.db.query(`SELECT kind FROM inbound_response WHERE external_id = $1`, [received.messageSid]);
    expect(rows).toEqual([{ kind: 'sms_reply' }]);
    // STOP with a stray control character is still STOP.
    const stop = await stack.sandbox.simulateInboundSms('+33755443301', 'STOP\u0007');
    expect(stop.webhookStatus).toBe(200);
    expect(await stack.db.query(`SELECT kind FROM inbound_response WHERE external_id = $1`, [stop.messageSid])).toEqual([
      { kind: 'opt_out' },
    ]);
  });

  it("accepts Twilio's signed callbacks whatever text they carry (a caller's city with a direction control): never refused, never lost", async () => {
    const sign = (path: string, params: Record<string, string>) =>
      twilio.getExpectedTwilioSignature(stack.config.twilio.authToken, `${stack.config.api.publicBaseUrl}${path}`, params);
    const status = {
      MessageSid: 'SM00000000000000000000000000000000',
      MessageStatus: 'delivered',
      ToCity: 'PARIS\u202E',
      FromCity: 'BONDY\u0007',
    };
    const call = { CallSid: 'CA00000000000000000000000000000000', CallStatus: 'completed', CallerName: 'M\u202Eme X' };
    for (const [path, params] of [
      ['/v1/webhooks/twilio/message-status', status],
      ['/v1/webhooks/twilio/call-status', call],
    ] as const) {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(path, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect({ path, status: response.status }).toEqual({ path, status: 204 });
    }
  });

  it('honours an SMS "STOP": the plan keeps no SMS for that household, its other channels go on', async () => {
    const response = await post('/v1/alerts', alert('HS93-E2E-4', { contacts: { phone: '07 55 44 33 22', email: 'stop@example.org' } }), {
      'idempotency-key': 'e2e-alert-0004',
    });
    const { householdId } = await processed(((await response.json()) as { submissionId: string }).submissionId);
    await eventually(() => stack.sandbox.store.messages.find((m) => m.to === '+33755443322'), 15_000, 'the first SMS');
    await stack.sandbox.simulateInboundSms('+33755443322', 'STOP');
    await eventually(
      async () => {
        const rows = await stack.db.query(`SELECT 1 FROM household_opt_out WHERE household_id = $1 AND channel = 'sms'`, [householdId]);
        return rows.length ? rows : undefined;
      },
      10_000,
      'the opt-out',
    );
    const after = await eventually(
      async () => {
        const { body } = await plan(householdId, stack.keys['bailleur-93']);
        const pending = body.contacts.filter((c) => c.status === 'planned');
        return pending.length > 0 && pending.every((c) => c.channel !== 'sms') ? pending : undefined;
      },
      10_000,
      'a plan without SMS',
    );
    expect(after.map((c) => c.channel)).toEqual(expect.arrayContaining(['letter']));
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33755443322')).toHaveLength(1);
  });

  it("plans contacts in the playbook's hours: the reminder letter waits a week for an answer, it is not sent with the SMS", async () => {
    const response = await post('/v1/alerts', alert('HS93-E2E-5', { contacts: { phone: '06 11 22 33 99' } }), {
      'idempotency-key': 'e2e-alert-0006',
    });
    const { householdId } = await processed(((await response.json()) as { submissionId: string }).submissionId);
    const { status, body } = await planOnceReady(householdId, stack.keys['bailleur-93']);
    expect(status).toBe(200);
    const letter = body.contacts.find((c) => c.channel === 'letter' && c.purpose === 'rappelImpaye')!;
    const sms = body.contacts.find((c) => c.channel === 'sms' && c.purpose === 'rappelImpaye')!;
    expect(Date.parse(letter.window.notBefore) - Date.parse(sms.window.notBefore)).toBeGreaterThanOrEqual(6 * 24 * 3600_000);
    expect(letter.status).toBe('planned');
    expect(body.trace.length).toBeGreaterThan(0);
    // A partner neither named in the plan nor coordinating on the territory does not see it.
    expect((await plan(householdId, stack.keys['commissaire-93'])).status).toBe(403);
  });

  it("meets the CAF's report and the landlord's alert about one household in one plan, though they name it differently", async () => {
    const landlord = await post(
      '/v1/alerts',
      alert('HS93-E2E-6', {
        tenant: { lastName: 'Ferreira', firstName: 'Ana', birthDate: '1984-03-12' },
        contacts: { phone: '06 44 55 66 77', email: 'ana.ferreira@example.org' },
      }),
      { 'idempotency-key': 'e2e-alert-0007' },
    );
    const first = await processed(((await landlord.json()) as { submissionId: string }).submissionId);
    const cafReport = await post(
      '/v1/stage-events',
      {
        partnerRef: 'CAF-93-ALLOC-778812',
        type: 'signalement_caf',
        occurredOn: '2026-11-20',
        tenant: { lastName: 'FERREIRA', firstName: 'Ana', birthDate: '1984-03-12' },
        address: { street: '12 bis av. Jean-Jaurès', postalCode: '93200', city: 'Saint Denis' },
        contacts: { phone: '+33644556677' },
      },
      { 'idempotency-key': 'e2e-caf-0001' },
      stack.keys['caf-93'],
    );
    expect(cafReport.status).toBe(202);
    const second = await processed(((await cafReport.json()) as { submissionId: string }).submissionId, stack.keys['caf-93']);
    // The CAF now holds a record of the landlord's household (the same id, to read the plan), and is
    // told only of its own report: nothing of the match with the landlord's record.
    expect(second).toEqual({ householdId: first.householdId, stage: 'signalement_caf' });
    const cafId = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'caf-93'`))[0].id as string;
    const withCaf = await eventually(
      async () => {
        const { body } = await plan(first.householdId, stack.keys['caf-93']);
        return body.contacts?.some((c) => c.leadPartnerId === cafId && c.purpose === 'avisSignalementCaf') ? body : undefined;
      },
      10_000,
      "the CAF's contacts in the plan",
    );
    expect(withCaf.stage).toBe('signalement_caf');
  });

  it("takes a partner's own intent about a household it named, and merges it instead of adding a letter", async () => {
    const response = await post(
      '/v1/alerts',
      alert('HS93-E2E-8', {
        tenant: { lastName: 'Traoré', firstName: 'Aminata' },
        address: { street: '25 rue Charles Michels', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 21 43 65 87' },
      }),
      { 'idempotency-key': 'e2e-alert-0009' },
    );
    const { householdId } = await processed(((await response.json()) as { submissionId: string }).submissionId);
    const lettersBefore = (await planOnceReady(householdId, stack.keys['bailleur-93'])).body.contacts.filter(
      (c) => c.channel === 'letter',
    ).length;

    const intent = await post(
      '/v1/intents',
      { partnerRef: 'HS93-E2E-8', purpose: 'offreTravailleurSocialBailleur', deadline: '2026-12-20' },
      { 'idempotency-key': 'e2e-intent-0001' },
    );
    expect(intent.status).toBe(202);
    const outcome = (await processed(((await intent.json()) as { submissionId: string }).submissionId)) as unknown as {
      error?: string;
      intents: Array<{ purpose: string }>;
    };
    expect(outcome.error).toBeUndefined();
    expect(outcome.intents.map((i) => i.purpose)).toEqual(['offreTravailleurSocialBailleur']);
    const lettersAfter = (await plan(householdId, stack.keys['bailleur-93'])).body.contacts.filter((c) => c.channel === 'letter').length;
    expect(lettersAfter).toBe(lettersBefore);

    const wrongStage = await post(
      '/v1/intents',
      { partnerRef: 'HS93-E2E-8', purpose: 'rappelAudience' },
      { 'idempotency-key': 'e2e-intent-0002' },
    );
    expect(
      ((await processed(((await wrongStage.json()) as { submissionId: string }).submissionId)) as unknown as { error: string }).error,
    ).toBe('PURPOSE_NOT_AT_THIS_STAGE');
    // A reference the partner never sent: 404, nothing stored.
    const unknownRef = await post(
      '/v1/intents',
      { partnerRef: 'NOT-MINE', purpose: 'rappelImpaye' },
      { 'idempotency-key': 'e2e-intent-0003' },
    );
    expect(unknownRef.status).toBe(404);
    const malformed = await post('/v1/intents', { partnerRef: 'HS93-E2E-8', purpose: 'rappel impayé !' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['purpose']);
  });

  it("follows a reviewer's merge: the CAF's household joins the landlord's, with one plan for both", async () => {
    const landlord = await post(
      '/v1/alerts',
      alert('HS93-E2E-9', {
        tenant: { lastName: 'Kouassi', firstName: 'Jean' },
        address: { street: '60 rue Gabriel Péri', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 31 41 59 26' },
      }),
      { 'idempotency-key': 'e2e-alert-0010' },
    );
    const landlordSide = await processed(((await landlord.json()) as { submissionId: string }).submissionId);
    // The CAF knows the family under the other adult's name at their previous address: no automatic link.
    const caf = await post(
      '/v1/stage-events',
      {
        partnerRef: 'CAF-93-ALLOC-990001',
        type: 'signalement_caf',
        occurredOn: '2026-11-25',
        tenant: { lastName: 'Yao', firstName: 'Mireille' },
        address: { street: '5 allée des Lilas', postalCode: '93140', city: 'Bondy' },
      },
      { 'idempotency-key': 'e2e-caf-0002' },
      stack.keys['caf-93'],
    );
    const cafSide = await processed(((await caf.json()) as { submissionId: string }).submissionId, stack.keys['caf-93']);
    expect(cafSide.householdId).not.toBe(landlordSide.householdId);
    const recordOf = async (ref: string) =>
      ((await stack.db.query(`SELECT id FROM partner_record WHERE partner_ref = $1`, [ref])) as Array<{ id: string }>)[0].id;
    const [left, right] = [await recordOf('HS93-E2E-9'), await recordOf('CAF-93-ALLOC-990001')];

    const decision = await post(
      '/v1/linkage/review/decisions',
      {
        kind: 'merge',
        leftRecordId: left,
        rightRecordId: right,
        reason: 'Même foyer : Mme Yao est la conjointe de M. Kouassi (appel du 24/11).',
      },
      {},
      stack.keys['operateur'],
    );
    expect(decision.status).toBe(204);
    await eventually(
      async () => {
        const rows = (await stack.db.query(`SELECT household_id FROM partner_record WHERE id = $1`, [right])) as Array<{
          household_id: string;
        }>;
        return rows[0].household_id === landlordSide.householdId ? true : undefined;
      },
      15_000,
      'the CAF record to join the landlord household',
    );
    const merged = await eventually(
      async () => {
        const { status, body } = await plan(landlordSide.householdId, stack.keys['caf-93']);
        return status === 200 && body.contacts.some((c) => c.purpose === 'avisSignalementCaf') ? body : undefined;
      },
      15_000,
      "the CAF's contacts in the landlord household's plan",
    );
    expect(merged.contacts.some((c) => c.purpose === 'avisSignalementCaf')).toBe(true);
    const leftovers = await stack.db.query(`SELECT 1 FROM planned_contact WHERE household_id = $1 AND status = 'planned'`, [
      cafSide.householdId,
    ]);
    expect(leftovers).toHaveLength(0);
  });

  it("shows operators aggregate figures behind their login, and no tenant's name", async () => {
    const denied = await fetch(`${stack.baseUrl}/tableau-de-bord`);
    expect(denied.status).toBe(401);
    const auth = `Basic ${Buffer.from(`${stack.config.security.dashboardUser}:${stack.config.security.dashboardPassword}`).toString('base64')}`;
    const page = await fetch(`${stack.baseUrl}/tableau-de-bord`, { headers: { authorization: auth } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Procédures ouvertes par étape');
    expect(html).toMatch(/demandes dans <strong>(\d+|&lt; 10)<\/strong> plan\(s\) de contact/);
    // Every stage of the procedure has its line (vocabulary's labels), and no count of 1 to 9 is shown.
    for (const stage of ['Premier impayé', 'Saisine de la CCAPEX', 'Audience', 'Concours de la force publique accordé'])
      expect(html).toContain(`<th scope="row">${stage}</th>`);
    expect(html).not.toMatch(/<td>[1-9]<\/td>/);
    for (const name of ['Nguyen', 'Ferreira', 'Kouassi', 'Traoré']) expect(html).not.toContain(name);
  });

  it('cancels every pending contact when the landlord reports the debt cleared', async () => {
    const response = await post('/v1/alerts', alert('HS93-E2E-7', { contacts: { phone: '06 10 20 30 40' } }), {
      'idempotency-key': 'e2e-alert-0008',
    });
    const { householdId } = await processed(((await response.json()) as { submissionId: string }).submissionId);
    const cleared = await post(
      '/v1/stage-events',
      { partnerRef: 'HS93-E2E-7', type: 'dette_soldee', occurredOn: '2026-11-30' },
      { 'idempotency-key': 'e2e-cleared-0001' },
    );
    await processed(((await cleared.json()) as { submissionId: string }).submissionId);
    // The submission is processed once recorded; the engine re-plans right after.
    const rows = await eventually(
      async () => {
        const found = (await stack.db.query(
          `SELECT status, count(*)::int AS n, bool_and(cancel_reason IS NOT NULL OR status <> 'cancelled') AS explained
           FROM planned_contact WHERE household_id = $1 GROUP BY status`,
          [householdId],
        )) as Array<{ status: string; n: number; explained: boolean }>;
        return found.some((r) => r.status === 'planned') ? undefined : found;
      },
      15_000,
      'every pending contact to be cancelled',
    );
    expect(rows.find((r) => r.status === 'planned')).toBeUndefined();
    expect(rows.find((r) => r.status === 'cancelled')?.explained).toBe(true);
    expect(rows.find((r) => r.status === 'cancelled')?.n).toBeGreaterThan(0);
  });
});
