import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(240_000);

interface Comparison {
  current: { version: number; hash: string; text: string };
  previous: { version: number; hash: string; text: string } | null;
  diff: { runs: Array<{ kind: string; text: string }>; removedWords: number; addedWords: number } | null;
}

/** The review workflow as a translator meets it: the list with its findings, a change beside the old text, sent versions frozen. */
describe('template review: list of findings, versions side by side, sent versions immutable', () => {
  let stack: UnissonStack;
  let landlord: TestClient;
  let currentEs: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_template_review', { RECONCILE_EVERY_MS: '1000' });
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    // The worker archives every current version at start-up.
    currentEs = await eventually(
      async () => {
        const rows = await stack.db.query(
          `SELECT hash FROM template_version WHERE template_key = 'hearing_reminder' AND locale = 'es' ORDER BY version DESC LIMIT 1`,
        );
        return rows[0]?.hash as string | undefined;
      },
      60_000,
      'the worker to archive the current template versions',
    );
    // A translator's earlier text, as the archive kept it when it was the current version.
    await stack.db.query(
      `INSERT INTO template_version (hash, template_key, version, locale, content, archived_at)
       SELECT 'e2e-older-es', template_key, version - 1, locale,
              jsonb_set(content, '{resources,sms_short}', to_jsonb('Traiga su citación al juzgado el {{hearingDate}} a las {{hearingTime}}. Ayuda: {{partnerPhone}}.'::text)),
              now() - interval '30 days'
         FROM template_version WHERE hash = $1`,
      [currentEs],
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers the current text beside the previous one, with the words changed', async () => {
    const answer = await landlord.get<Comparison>('/v1/templates/hearing_reminder/versions?channel=sms&locale=es&length=short');
    expect(answer.status).toBe(200);
    const c = answer.body;
    expect(c.current.hash).toBe(currentEs);
    expect(c.previous).toMatchObject({ hash: 'e2e-older-es', version: c.current.version - 1 });
    expect(c.previous!.text).toContain('Traiga su citación');
    expect(
      c
        .diff!.runs.filter((r) => r.kind === 'removed')
        .map((r) => r.text)
        .join(' '),
    ).toContain('Traiga');
    expect(c.diff!.addedWords).toBeGreaterThan(0);
    const bad = await landlord.get<{ message: string }>('/v1/templates/hearing_reminder/versions?locale=xx');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('locale');
  });

  it('lists every purpose × channel × locale × variant with its findings, filtered by locale and findings', async () => {
    const all = await landlord.get<{ total: number; counts: { rows: number } }>('/v1/templates/review?perPage=1');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.counts.rows);
    const arabic = await landlord.get<{
      total: number;
      rows: Array<{ locale: string; sms: { encoding: string; parts: number } | null; findings: Array<{ label: string }> }>;
    }>('/v1/templates/review?locale=ar&channel=sms&findings=any&perPage=500');
    expect(arabic.body.total).toBeGreaterThan(0);
    for (const r of arabic.body.rows) {
      expect(r.locale).toBe('ar');
      expect(r.sms!.encoding).toBe('UCS-2');
      expect(r.findings.map((f) => f.label)).toContain('Coût SMS');
    }
    const bad = await landlord.get<{ message: string }>('/v1/templates/review?findings=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('findings');
  });

  it('never lets the version of a sent message be edited or deleted', async () => {
    const sent = await landlord.post('/v1/alerts', {
      partnerRef: 'TPL-REVIEW-1',
      tenant: { lastName: 'Haddad', firstName: 'Samira' },
      address: { street: '4 rue du Landy', postalCode: '93200', city: 'Saint-Denis' },
      contacts: { phone: '06 12 34 77 01' },
      lease: { housingSector: 'social', monthlyRent: 600 },
      arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
    });
    expect(sent.status).toBe(202);
    const version = await eventually(
      async () => {
        const rows = await stack.db.query(`SELECT template_version FROM outbound_message WHERE template_version <> 'none' LIMIT 1`);
        return rows[0]?.template_version as string | undefined;
      },
      120_000,
      'the first message to be worded',
    );
    const [archived] = await stack.db.query(`SELECT content FROM template_version WHERE hash = $1`, [version]);
    expect(archived).toBeDefined();
    await expect(
      stack.db.query(`UPDATE template_version SET content = jsonb_set(content, '{resources,sms_short}', '"autre texte"') WHERE hash = $1`, [
        version,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(stack.db.query(`DELETE FROM template_version WHERE hash = $1`, [version])).rejects.toThrow(/used by an outbound message/);
    const [after] = await stack.db.query(`SELECT content FROM template_version WHERE hash = $1`, [version]);
    expect(after.content).toEqual(archived.content);
  });

  it('answers with the plan what its contacts cost the partners, and the operators’ overview shows the total', async () => {
    const [{ household_id: householdId }] = await stack.db.query(
      `SELECT household_id FROM contact_plan WHERE household_id IN (SELECT household_id FROM outbound_message) LIMIT 1`,
    );
    const plan = await landlord.get<{
      contacts: Array<{ channel: string; status: string }>;
      cost: {
        sms: { messages: number; parts: number; euros: number };
        letters: number;
        postage: Record<string, { letters: number; euros: number }>;
        calls: { tasks: number; minutes: number };
        euros: number;
        smsPricePerPart: number;
      };
    }>(`/v1/households/${householdId}/plan`);
    expect(plan.status).toBe(200);
    const live = plan.body.contacts.filter((c) => c.status !== 'cancelled');
    const { cost } = plan.body;
    expect(cost.sms.messages).toBe(live.filter((c) => c.channel === 'sms').length);
    expect(cost.sms.messages).toBeGreaterThan(0);
    expect(cost.sms.parts).toBeGreaterThanOrEqual(cost.sms.messages); // a French SMS is 1 or 2 parts
    expect(cost.sms.parts).toBeLessThanOrEqual(2 * cost.sms.messages);
    expect(cost.sms.euros).toBeCloseTo(cost.sms.parts * cost.smsPricePerPart, 2);
    expect(cost.letters).toBe(live.filter((c) => c.channel === 'letter').length);
    expect(Object.values(cost.postage).reduce((n, l) => n + l.letters, 0)).toBe(cost.letters);
    expect(cost.calls.tasks).toBe(live.filter((c) => c.channel === 'call').length);
    const postage = Object.values(cost.postage).reduce((n, l) => n + l.euros, 0);
    expect(cost.euros).toBeCloseTo(cost.sms.euros + postage, 2);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
      await page.goto(`${stack.baseUrl}/connexion?suivant=/tableau-de-bord`);
      await page.fill('input[name=email]', 'operateur@unisson.local');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('form[action="/connexion"] button');
      await page.waitForURL(/\/tableau-de-bord/);
      const section = page.locator('section', { has: page.getByRole('heading', { name: 'Ce que coûtent les plans coordonnés' }) });
      const text = await section.innerText();
      expect(text).toMatch(/(\d+|< 10) SMS, (\d+|< 10) parties/);
      expect(text).toMatch(/lettres à affranchir/);
      expect(text).toMatch(/de SMS et d’affranchissement/);
      await section.screenshot({ path: join(SCREENSHOT_DIR, 'tableau-de-bord-cout-des-plans.png') });
    } finally {
      await browser.close();
    }
  });

  it('shows the review list and the comparison in Chromium, in French, right to left for Arabic', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
      await page.goto(`${stack.baseUrl}/modeles/relecture`);
      await page.fill('input[name=email]', 'gestion@habitat93.demo');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('form[action="/connexion"] button');
      await page.waitForURL(/\/modeles\/relecture/);
      await page.getByRole('heading', { name: 'Relecture des modèles' }).waitFor();
      await page.selectOption('select[name=locale]', 'ar');
      await page.selectOption('select[name=channel]', 'sms');
      await page.selectOption('select[name=findings]', 'any');
      await page.click('form.filters button');
      await page.waitForURL(/locale=ar/);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const first = await rows.first().innerText();
      expect(first).toContain('العربية');
      expect(first).toMatch(/UCS-2, \d partie\(s\)/);
      expect(first).toContain('Coût SMS');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'modeles-relecture-liste.png'), fullPage: false });

      await page.goto(`${stack.baseUrl}/modeles/relecture/hearing_reminder?channel=sms&locale=es&length=short`);
      await page.getByRole('heading', { name: 'Version précédente' }).waitFor();
      expect(await page.locator('del').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Traiga')]));
      expect(await page.locator('ins').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'modeles-relecture-comparaison.png'), fullPage: true });

      await page.goto(`${stack.baseUrl}/modeles/relecture/hearing_reminder?channel=sms&locale=ar`);
      expect(await page.locator('.text[dir=rtl]').count()).toBe(1);
      expect(await page.locator('body').innerText()).toContain('Aucune version précédente');
    } finally {
      await browser.close();
    }
  });

  it('keeps analysts out of the review pages (they see aggregates only)', async () => {
    const analyst = new TestClient(stack.baseUrl);
    expect((await analyst.signIn('analyse@caf93.demo', DEMO_PASSWORD)).status).toBe(201);
    expect((await analyst.get('/modeles/relecture')).status).toBe(403);
    expect((await analyst.get('/v1/templates/review')).status).toBe(403);
  });
});
