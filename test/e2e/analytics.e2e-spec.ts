import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(240_000);

const HOUSEHOLDS = 40;
const NAMES = ['Martin', 'Bernard', 'Diallo', 'Nguyen', 'Benali', 'Lefèvre', 'Traoré', 'Moreau', 'Haddad', 'Petit'];

interface Shown {
  value: number | null;
  hidden: boolean;
}
interface Report {
  from: string;
  to: string;
  period: string;
  variants: Array<{ purpose: string; channel: string; variant: string; households: Shown; responders: Shown; rate: number | null }>;
  funnel: Array<{ step: string; households: Shown }>;
  coordination: Array<{ dimension: string; value: string; households: Shown; before: number | null; after: number | null }>;
  experiments: Array<{ key: string; arms: Array<{ arm: string; variant: string; units: Shown; responders: Shown; rate: number | null }> }>;
}

const experimentBody = (key: string) => ({
  key,
  name: 'SMS du premier impayé : rassurant ou neutre',
  stage: 'premier_impaye',
  purpose: 'rappelImpaye',
  channel: 'sms',
  arms: [
    { name: 'A', variant: 'reassuring.short.picto' },
    { name: 'B', variant: 'neutral.short.plain' },
  ],
  holdoutShare: 0,
  primaryResponseKinds: ['repayment_plan_agreed', 'sms_replied'],
  responseWindowDays: 14,
  baselineRate: 0.2,
  minimumDetectableEffect: 0.1,
});

describe('an experiment on the first-arrears SMS, seen by an analyst', () => {
  let stack: UnissonStack;
  let analyst: TestClient;
  let landlord: TestClient;
  let experimentId: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_analytics', { RECONCILE_EVERY_MS: '1000' });
    analyst = new TestClient(stack.baseUrl);
    expect((await analyst.signIn('analyse@caf93.demo', DEMO_PASSWORD)).status).toBe(201);
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    const declared = await analyst.post<{ id: string; plannedPerArm: number }>('/v1/experiments', {
      ...experimentBody('sms-premier-impaye-e2e'),
      territory: '93',
    });
    expect(declared.status).toBe(201);
    expect(declared.body.plannedPerArm).toBeGreaterThan(200); // computed up front from 20 % → 30 %
    experimentId = declared.body.id;
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const answer = await landlord.post('/v1/alerts', {
        partnerRef: `HS93-EXP-${i}`,
        tenant: { lastName: NAMES[i % NAMES.length], firstName: `Camille${i}` },
        address: { street: `${i + 1} rue du Landy`, postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: `06 12 34 ${String(10 + Math.floor(i / 10)).padStart(2, '0')} ${String(10 + (i % 10) * 3).padStart(2, '0')}` },
        lease: { housingSector: i % 4 === 0 ? 'prive' : 'social', monthlyRent: 600 },
        arrears: { amount: 900 + i * 10, firstUnpaidOn: '2026-10-05' },
      });
      expect(answer.status).toBe(202);
    }
    await eventually(
      async () => {
        const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM analytics_message WHERE experiment_id = $1`, [experimentId]);
        return n >= HOUSEHOLDS ? n : undefined;
      },
      120_000,
      'every household’s SMS to be worded within the experiment',
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('renders each household’s SMS in its arm’s variant, and records the arm with the message', async () => {
    const rows: Array<{ arm: string; assigned: string; sent: string; body: string }> = await stack.db.query(
      `SELECT a.arm, a.variant AS assigned, m.variant AS sent, m.body FROM experiment_assignment a
         JOIN outbound_message m ON m.household_id = a.household_id AND m.channel = 'sms'
        WHERE a.experiment_id = $1`,
      [experimentId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(HOUSEHOLDS);
    for (const r of rows) expect(r.sent).toBe(r.assigned);
    const arms = new Set(rows.map((r) => r.arm));
    expect(arms).toEqual(new Set(['A', 'B']));
    // The two variants really read differently.
    const a = rows.find((r) => r.arm === 'A')!.body;
    const b = rows.find((r) => r.arm === 'B')!.body;
    expect(a).not.toEqual(b);
  });

  it('takes partners’ outcomes once per event id, validates them, and refuses a household the partner does not know', async () => {
    const [household] = await stack.db.query(`SELECT household_id FROM experiment_assignment WHERE experiment_id = $1 LIMIT 1`, [
      experimentId,
    ]);
    const outcome = { kind: 'repayment_plan_agreed', occurredAt: new Date().toISOString(), eventId: 'plan-0001' };
    const first = await landlord.post<{ recorded: string }>(`/v1/households/${household.household_id}/outcomes`, outcome);
    const again = await landlord.post<{ recorded: string }>(`/v1/households/${household.household_id}/outcomes`, outcome);
    expect(first.status).toBe(200);
    expect(first.body.recorded).toBe('new');
    expect(again.body.recorded).toBe('already');
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM response_event WHERE household_id = $1`, [household.household_id]);
    expect(n).toBe(1);
    const bad = await landlord.post<{ message: string }>(`/v1/households/${household.household_id}/outcomes`, {
      ...outcome,
      kind: 'clicked',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('kind');
    const future = await landlord.post<{ message: string }>(`/v1/households/${household.household_id}/outcomes`, {
      ...outcome,
      eventId: 'plan-0002',
      occurredAt: '2099-01-01T00:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('occurredAt');
    const other = new TestClient(stack.baseUrl, stack.keys['bailleur-38']);
    expect((await other.post(`/v1/households/${household.household_id}/outcomes`, { ...outcome, eventId: 'x' })).status).toBe(404);
    // An analyst sees aggregates only: no outcome route for them.
    expect((await analyst.post(`/v1/households/${household.household_id}/outcomes`, { ...outcome, eventId: 'y' })).status).toBe(403);
  });

  it('answers an outcome dated before 1900 (year 0000 included) with a 400 naming occurredAt, in French, and stores nothing', async () => {
    const [household] = await stack.db.query(`SELECT household_id FROM experiment_assignment WHERE experiment_id = $1 LIMIT 1 OFFSET 2`, [
      experimentId,
    ]);
    const path = `/v1/households/${household.household_id}/outcomes`;
    const stored = async () =>
      (
        (await stack.db.query(`SELECT count(*)::int AS n FROM response_event WHERE household_id = $1`, [household.household_id])) as [
          { n: number },
        ]
      )[0].n;
    const before = await stored();
    for (const occurredAt of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1899-12-31T00:00:00Z']) {
      const answer = await landlord.post<{ errors?: Array<{ field: string; message: string }> }>(path, {
        kind: 'fsl_granted',
        occurredAt,
        eventId: `ancien-${occurredAt.slice(0, 4)}`,
      });
      expect({ occurredAt, status: answer.status, errors: answer.body.errors }).toEqual({
        occurredAt,
        status: 400,
        errors: [{ field: 'occurredAt', message: 'doit tomber entre le 1900-01-01 et le 2100-12-31' }],
      });
    }
    expect(await stored()).toBe(before);
  });

  it('refuses an experiment in a territory the analyst’s organisation does not work on, with the report’s 403, and writes nothing', async () => {
    const experiments = async () => ((await stack.db.query(`SELECT count(*)::int AS n FROM experiment`)) as [{ n: number }])[0].n;
    const before = await experiments();
    const isere = { ...experimentBody('sms-isere-e2e'), territory: '38' };
    const refused = await analyst.post<{ message: string }>('/v1/experiments', isere);
    const report = await analyst.get<{ message: string }>('/v1/analytics/report?territory=38');
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: report.status, message: report.body.message });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Votre organisation ne travaille pas sur le territoire 38.');
    expect(await experiments()).toBe(before);
    // An experiment Unisson's staff runs in Isère: the analyst of Seine-Saint-Denis can neither read, list nor stop it.
    const admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
    const declared = await admin.post<{ id: string }>('/v1/experiments', isere);
    expect(declared.status).toBe(201);
    expect((await analyst.get(`/v1/experiments/${declared.body.id}/report`)).status).toBe(403);
    expect((await analyst.post(`/v1/experiments/${declared.body.id}/stop`, { reason: 'pas mon territoire' })).status).toBe(403);
    expect((await analyst.get<Array<{ key: string }>>('/v1/experiments')).body.map((e) => e.key)).not.toContain('sms-isere-e2e');
    const [{ status }] = await stack.db.query(`SELECT status FROM experiment WHERE id = $1`, [declared.body.id]);
    expect(status).toBe('running');
    expect((await admin.post(`/v1/experiments/${declared.body.id}/stop`, { reason: 'fin du test' })).status).toBe(200);
  });

  it('refuses an experiment on a purpose the territory’s playbook never plans at its stage, naming purpose and the possible ones', async () => {
    const experiments = async () => ((await stack.db.query(`SELECT count(*)::int AS n FROM experiment`)) as [{ n: number }])[0].n;
    const before = await experiments();
    for (const [change, said] of [
      [
        { purpose: 'nexistePas' },
        '« nexistePas » n’est pas un objet du playbook du territoire ; objets possibles à l’étape premier_impaye : ',
      ],
      [{ stage: 'expulsion', purpose: 'rappelImpaye' }, 'ne prévoit « rappelImpaye » qu’à l’étape premier_impaye, pas à l’étape expulsion'],
    ] as const) {
      const answer = await analyst.post<{ errors?: Array<{ field: string; message: string }> }>('/v1/experiments', {
        ...experimentBody('cible-impossible-e2e'),
        territory: '93',
        ...change,
      });
      expect({ change, status: answer.status, fields: answer.body.errors?.map((e) => e.field) }).toEqual({
        change,
        status: 400,
        fields: ['purpose'],
      });
      expect(answer.body.errors?.[0]?.message).toContain(said);
    }
    expect(await experiments()).toBe(before);
  });

  it('answers an outcome eventId reused with another kind with a 422 naming eventId, keeps what was stored, and replays the same body', async () => {
    const [household] = await stack.db.query(`SELECT household_id FROM experiment_assignment WHERE experiment_id = $1 LIMIT 1 OFFSET 1`, [
      experimentId,
    ]);
    const path = `/v1/households/${household.household_id}/outcomes`;
    const granted = { eventId: 'outs-evt-00001', kind: 'fsl_granted', occurredAt: '2026-11-20T10:00:00+01:00' };
    expect((await landlord.post<{ recorded: string }>(path, granted)).body.recorded).toBe('new');
    const reused = await landlord.post<{ code: string; errors: Array<{ field: string }> }>(path, { ...granted, kind: 'evicted' });
    expect({ status: reused.status, code: reused.body.code, fields: reused.body.errors?.map((e) => e.field) }).toEqual({
      status: 422,
      code: 'EVENT_ID_REUSED',
      fields: ['eventId'],
    });
    // The same outcome again, its moment written in UTC: a replay, answered with what is stored.
    const replay = await landlord.post<{ kind: string; recorded: string }>(path, { ...granted, occurredAt: '2026-11-20T09:00:00Z' });
    expect({ status: replay.status, kind: replay.body.kind, recorded: replay.body.recorded }).toEqual({
      status: 200,
      kind: 'fsl_granted',
      recorded: 'already',
    });
    const stored = await stack.db.query(
      `SELECT kind FROM response_event WHERE household_id = $1 AND idempotency_key LIKE '%:outs-evt-00001'`,
      [household.household_id],
    );
    expect(stored).toEqual([{ kind: 'fsl_granted' }]);
  });

  it('attributes each response to the message before it, and the experiment counts it for the household’s arm', async () => {
    const households: Array<{ household_id: string; arm: string }> = await stack.db.query(
      `SELECT household_id, arm FROM experiment_assignment WHERE experiment_id = $1 ORDER BY household_id`,
      [experimentId],
    );
    // Simulated answers: every household of arm B and a few of arm A report a repayment plan.
    let i = 0;
    for (const h of households) {
      if (h.arm === 'B' || i++ % 5 === 0)
        expect(
          (
            await landlord.post(`/v1/households/${h.household_id}/outcomes`, {
              kind: 'repayment_plan_agreed',
              occurredAt: new Date().toISOString(),
              eventId: `plan-${h.household_id}`,
            })
          ).status,
        ).toBe(200);
    }
    const armB = households.filter((h) => h.arm === 'B').length;
    await eventually(
      async () => {
        const [{ n }] = await stack.db.query(
          `SELECT count(responded_at)::int AS n FROM experiment_assignment WHERE experiment_id = $1 AND arm = 'B'`,
          [experimentId],
        );
        return n >= armB ? n : undefined;
      },
      60_000,
      'the responses to be attributed and counted for the experiment',
    );
    const [touch] = await stack.db.query(
      `SELECT m.channel, m.purpose, m.variant FROM analytics_response r JOIN analytics_message m ON m.message_id = r.last_touch_message_id LIMIT 1`,
    );
    expect(touch).toMatchObject({ purpose: 'rappelImpaye' });
    const responded: Array<{ arm: string; n: number }> = await stack.db.query(
      `SELECT arm, count(responded_at)::int AS n FROM experiment_assignment WHERE experiment_id = $1 GROUP BY arm ORDER BY arm`,
      [experimentId],
    );
    expect(responded.find((r) => r.arm === 'B')!.n).toBe(armB);
    const [{ n: attributed }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM analytics_response WHERE kind = 'repayment_plan_agreed' AND last_touch_message_id IS NOT NULL`,
    );
    expect(attributed).toBeGreaterThanOrEqual(armB);
  });

  it('records an SMS reply once however often Twilio posts it, tied to the SMS before it, and attribution shows that SMS', async () => {
    const [household] = await stack.db.query(
      `SELECT household_id FROM experiment_assignment WHERE experiment_id = $1 ORDER BY household_id DESC LIMIT 1`,
      [experimentId],
    );
    const [sms] = await stack.db.query(
      `SELECT id, provider_message_id, variant, template_version, planned_contact_key FROM outbound_message
        WHERE household_id = $1 AND channel = 'sms' AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1`,
      [household.household_id],
    );
    const phone = stack.sandbox.store.findMessage(sms.provider_message_id)!.to;
    const reply = await stack.sandbox.simulateInboundSms(phone, 'Bonjour, je vais appeler la CAF demain');
    expect(reply.webhookStatus).toBe(200);
    // Twilio posts a webhook again when it did not see our answer: the very same signed request.
    const delivery = stack.sandbox.store.webhooks.find((w) => w.kind === 'inbound-sms' && w.sid === reply.messageSid)!;
    const post = (signature: string) =>
      fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(delivery.params).toString(),
      });
    expect((await post(delivery.signature)).status).toBe(200);
    expect((await post('forged')).status).toBe(403);
    const events = await stack.db.query(`SELECT kind, source, message_id FROM response_event WHERE household_id = $1 AND source = 'sms'`, [
      household.household_id,
    ]);
    expect(events).toEqual([{ kind: 'sms_replied', source: 'sms', message_id: sms.id }]);
    const [contact] = await stack.db.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [sms.planned_contact_key]);
    expect(contact.outcome).toBe('responded');
    const touches = await eventually(
      async () => {
        const rows = await stack.db.query(
          `SELECT r.last_touch_message_id AS message, m.channel, m.variant, m.template_version FROM analytics_response r
             JOIN analytics_message m ON m.message_id = r.last_touch_message_id
            WHERE r.household_id = $1 AND r.kind = 'sms_replied'`,
          [household.household_id],
        );
        return rows.length ? rows : undefined;
      },
      60_000,
      'the SMS reply projected with its attribution',
    );
    expect(touches).toEqual([{ message: sms.id, channel: 'sms', variant: sms.variant, template_version: sms.template_version }]);
  });

  it('reports rates with small cells hidden in the API and the CSV, and refuses another territory', async () => {
    const report = await analyst.get<Report>('/v1/analytics/report?territory=93');
    expect(report.status).toBe(200);
    const experiment = report.body.experiments.find((e) => e.key === 'sms-premier-impaye-e2e')!;
    const armB = experiment.arms.find((a) => a.arm === 'B')!;
    expect(armB.units.value).toBeGreaterThanOrEqual(10);
    // Arm A: few responders (fewer than 10): its rate is hidden, not shown as a small number.
    const armA = experiment.arms.find((a) => a.arm === 'A')!;
    expect(armA.responders.hidden).toBe(true);
    expect(armA.rate).toBeNull();
    for (const cell of [...report.body.variants.map((v) => v.households), ...report.body.funnel.map((f) => f.households)])
      if (!cell.hidden) expect(cell.value === 0 || (cell.value ?? 0) >= 10).toBe(true);
    const csv = await analyst.get('/v1/analytics/report.csv?territory=93');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('< 10 (masqué)');
    for (const line of csv.text.trim().split('\n').slice(1)) {
      const households = line.split(';')[3]!;
      if (/^\d+$/.test(households)) expect(Number(households) === 0 || Number(households) >= 10).toBe(true);
    }
    expect((await analyst.get('/v1/analytics/report?territory=38')).status).toBe(403);
    const charter = await analyst.get('/v1/analytics/charter.csv?territory=93');
    expect(charter.text.split('\n')[0]).toBe('numero;indicateur;territoire;debut;fin;valeur;statut;precision');
    expect(charter.text).toMatch(/\n7;Nombre de signalements[^\n]*;alimenté;/);
    expect(charter.text).toMatch(/\n2;Nombre de demandeurs de logement social;[^\n]*non alimenté par Unisson/);
  });

  it('publishes counts rounded to 5 over whole weeks, so two windows a day apart or a variant against an arm subtract to nothing', async () => {
    // The tester's funnel: windows one day apart gave 424 and 423. Every household here came on Monday 5 October.
    const monday = await analyst.get<Report>('/v1/analytics/report?territory=93&from=2026-10-05&to=2026-12-02');
    const tuesday = await analyst.get<Report>('/v1/analytics/report?territory=93&from=2026-10-06&to=2026-12-03');
    expect(tuesday.status).toBe(200);
    expect(tuesday.body.from).toBe('2026-10-05T00:00:00.000Z'); // the Monday before
    expect(tuesday.body.to).toBe('2026-12-07T00:00:00.000Z'); // the Monday after Sunday 6 December
    expect(tuesday.body.period).toContain('semaines entières');
    expect(tuesday.body.funnel).toEqual(monday.body.funnel);
    expect(tuesday.body.variants).toEqual(monday.body.variants);

    const report = tuesday.body;
    const experiment = report.experiments.find((e) => e.key === 'sms-premier-impaye-e2e')!;
    const cells = [
      ...report.variants.flatMap((v) => [v.households, v.responders]),
      ...report.funnel.map((f) => f.households),
      ...report.coordination.map((c) => c.households),
      ...experiment.arms.flatMap((a) => [a.units, a.responders]),
    ];
    for (const cell of cells) if (!cell.hidden) expect(cell.value! % 5).toBe(0);
    // Variant against arm: the same households seen twice differ by a multiple of 5, never by a small group's size.
    const variant = report.variants.find((v) => v.variant === 'reassuring.short.picto' && v.channel === 'sms');
    const armA = experiment.arms.find((a) => a.arm === 'A')!;
    if (variant && !variant.households.hidden && !armA.units.hidden)
      expect(Math.abs(variant.households.value! - armA.units.value!) % 5).toBe(0);
    for (const v of report.variants) if (v.rate !== null) expect(Math.round(v.rate * 100)).toBeCloseTo(v.rate * 100, 9);

    // The experiment report: the progress to the point from the rounded count, the sample-ratio figures coarsened.
    const direct = await analyst.get<{
      progress: number | null;
      plannedUnits: number;
      sampleRatio: { chiSquare: number | null; pValue: number | null; mismatch: boolean };
      arms: Array<{ units: Shown }>;
    }>(`/v1/experiments/${experimentId}/report`);
    expect(direct.status).toBe(200);
    if (direct.body.arms.some((a) => a.units.hidden)) {
      expect(direct.body.progress).toBeNull();
      expect(direct.body.sampleRatio.chiSquare).toBeNull();
    } else {
      expect(Math.round(direct.body.progress! * 100)).toBeCloseTo(direct.body.progress! * 100, 9);
      expect(Math.round(direct.body.sampleRatio.chiSquare! * 10)).toBeCloseTo(direct.body.sampleRatio.chiSquare! * 10, 9);
    }
  });

  it('answers a period out of 1900..2100 with a 400 naming from or to, in the API, the CSV and the French page', async () => {
    for (const [query, field] of [
      ['from=0000-01-01&to=2026-12-03', 'from'],
      ['from=2026-01-01&to=9999-12-31', 'to'],
    ]) {
      for (const route of ['/v1/analytics/report', '/v1/analytics/report.csv', '/v1/analytics/charter.csv']) {
        const answer = await analyst.get<{ errors?: Array<{ field: string }> }>(`${route}?territory=93&${query}`);
        expect({ route, query, status: answer.status, fields: answer.body.errors?.map((e) => e.field) }).toEqual({
          route,
          query,
          status: 400,
          fields: [field],
        });
      }
      for (const page of ['/analyse', '/analyse/charte']) {
        const answer = await analyst.get(`${page}?territory=93&${query}`);
        expect({ page, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          page,
          status: 400,
          type: expect.stringContaining('text/html'),
        });
        expect(answer.text).toContain(
          field === 'from' ? 'Début de la période (Du) : une date entre le 1er janvier 1900' : 'Fin de la période (Au)',
        );
      }
    }
  });

  it('shows the analysts’ page in Chromium, with charts, and no household', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${stack.baseUrl}/analyse`);
      await page.fill('input[name=email]', 'analyse@caf93.demo');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button[type=submit], form[action="/connexion"] button');
      await page.waitForURL(/\/analyse/);
      await page.goto(`${stack.baseUrl}/analyse?territory=93`);
      await page.getByRole('heading', { name: 'Analyse des réponses' }).waitFor();
      expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(3);
      const text = await page.locator('body').innerText();
      expect(text).toContain('SMS du premier impayé : rassurant ou neutre');
      expect(text).toContain('< 10');
      expect(text).not.toContain('Camille');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'analyse-tableau-de-bord.png'), fullPage: true });
      await page.goto(`${stack.baseUrl}/analyse/charte?territory=93`);
      await page.getByRole('heading', { name: /Non alimentés par Unisson/ }).waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'analyse-charte.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
