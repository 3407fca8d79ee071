import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { ResponseLinks, ResponseLinksRepository } from '@unisson/response-page';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { eventually } from '../support/free-port';
import { householdOfAlert, TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(180_000);

/**
 * The household's response page in Debian's Chromium against the whole stack: a letter's link is
 * opened on a small phone screen, in French and in Arabic; every click is a response event that
 * re-plans, the language chosen becomes the household's. Screenshots in var/screenshots/.
 */
describe('the household’s response page, clicked through in Chromium', () => {
  let stack: UnissonStack;
  let browser: Browser;
  let links: ResponseLinks;
  let householdId: string;
  let messageId: string;

  const events = async (kind: string) =>
    (await stack.db.query(
      `SELECT kind, source, message_id, planned_contact_key, partner_id, details FROM response_event WHERE household_id = $1 AND kind = $2`,
      [householdId, kind],
    )) as Array<{
      kind: string;
      source: string;
      message_id: string | null;
      planned_contact_key: string | null;
      partner_id: string | null;
      details: Record<string, unknown>;
    }>;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `response-page-${name}.png`), fullPage: true });

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_response_page');
    browser = await launchChromium();
    links = new ResponseLinks(new ResponseLinksRepository(stack.db), stack.config);
    const landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    householdId = await householdOfAlert(
      landlord,
      {
        partnerRef: 'HS93-PAGE-1',
        tenant: { lastName: 'Haddad', firstName: 'Samira' },
        address: { street: '3 rue Danton', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 55 44 33 22' },
        lease: { housingSector: 'social', monthlyRent: 640 },
        arrears: { amount: 1280, firstUnpaidOn: '2026-10-05' },
      },
      60_000,
    );
    messageId = await eventually(
      async () => {
        const rows = (await stack.db.query(`SELECT id FROM outbound_message WHERE household_id = $1 ORDER BY created_at LIMIT 1`, [
          householdId,
        ])) as Array<{
          id: string;
        }>;
        return rows[0]?.id;
      },
      60_000,
      'the first message of the plan',
    );
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('in French: shows who writes and whom to call, nothing about the debt; a visit and each answer are response events that re-plan', async () => {
    const issued = await links.issue({ householdId, messageId, purpose: 'premierImpaye', locale: 'fr' });
    const remindersPlanned = async () =>
      (
        (await stack.db.query(
          `SELECT count(*)::int AS n FROM planned_contact WHERE household_id = $1 AND only_if_no_response AND status = 'planned'`,
          [householdId],
        )) as Array<{ n: number }>
      )[0].n;
    // Before the household answers, its plan holds reminders "only if no response".
    expect(await remindersPlanned()).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const response = await page.goto(issued.url);
    expect(response?.status()).toBe(200);
    const body = (await response!.body()).length;
    expect(body).toBeLessThan(50 * 1024);
    // One document, nothing else fetched (no font, script, image or style from anywhere).
    expect(requested).toEqual([issued.url]);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('h1').textContent()).resolves.toBe('Répondre à votre courrier');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Habitat Solidaire 93');
    expect(text).toContain('SOS Loyers Impayés');
    expect(text).not.toMatch(/1\s?280|Haddad|Samira|Danton/);
    await shot(page, 'fr');

    // The first key press reaches the skip link, which leads into the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Aller au contenu');

    const [visit] = await eventually(async () => {
      const rows = await events('link_visited');
      return rows.length ? rows : undefined;
    });
    expect(visit).toMatchObject({ source: 'response_page', message_id: messageId });
    const responded = (await stack.db.query(
      `SELECT count(*)::int AS n FROM coordination_event WHERE household_id = $1 AND type = 'householdResponded'`,
      [householdId],
    )) as Array<{ n: number }>;
    expect(responded[0].n).toBeGreaterThanOrEqual(1);
    // Re-planned: the reminders kept for households that do not answer are no longer planned.
    expect(await remindersPlanned()).toBe(0);

    // Only slots of the playbook's call hours are offered (decision 0031).
    await page.getByLabel('Du lundi au vendredi, de 14 h à 20 h').check();
    await page.getByRole('button', { name: 'Demander à être rappelé' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('Du lundi au vendredi, de 14 h à 20 h');
    expect((await events('callback_requested'))[0]).toMatchObject({ source: 'response_page', details: { slot: '14:00-20:00' } });
    await shot(page, 'fr-callback-done');

    await page
      .getByLabel('J’ai un accord pour rembourser petit à petit', { exact: false })
      .or(page.getByLabel("J'ai un accord pour rembourser petit à petit (plan d'apurement)"))
      .check();
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('Merci');
    expect(await events('said_repayment_plan')).toHaveLength(1);

    // Choosing Arabic and SMS: the household's preferences change, the page turns right to left.
    await page.getByLabel('SMS').check();
    await page.getByLabel('Langue des messages').selectOption('ar');
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const [household] = (await stack.db.query(`SELECT preferred_locale, preferred_channel FROM household WHERE id = $1`, [
      householdId,
    ])) as Array<{
      preferred_locale: string;
      preferred_channel: string;
    }>;
    expect(household).toEqual({ preferred_locale: 'ar', preferred_channel: 'sms' });
    expect((await events('language_chosen'))[0].details).toMatchObject({ locale: 'ar' });
    expect((await events('channel_chosen'))[0].details).toMatchObject({ channel: 'sms' });
    await page.close();
  });

  it('in Arabic: right to left, the same answers, and a wrong form says what to fix', async () => {
    const issued = await links.issue({ householdId, purpose: 'premierImpaye', locale: 'ar' });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
    await page.goto(issued.url);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await expect(page.locator('h1').textContent()).resolves.toBe('الرد على رسالتكم');
    await shot(page, 'ar');
    await page.getByLabel('من الاثنين إلى الجمعة، من 10:00 إلى 13:00').check();
    await page.getByRole('button', { name: 'أطلب أن يُتصل بي' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('شكرًا');
    await shot(page, 'ar-callback-done');
    expect((await events('callback_requested')).map((e) => e.details.slot).sort()).toEqual(['10:00-13:00', '14:00-20:00']);
    await page.close();

    // Without JavaScript the browser checks "required"; a script posting nonsense gets 400 naming the field.
    const csrf = await (await fetch(issued.url)).text().then((html) => /name="_csrf" value="([^"]+)"/.exec(html)![1]);
    const wrong = await fetch(`${issued.url}/rappel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, creneau: 'minuit', affichage: 'ar' }).toString(),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('x-invalid-field')).toBe('creneau');
    expect(await wrong.text()).toContain('اختاروا وقتًا من القائمة');
    const forged = await fetch(`${issued.url}/situation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ situation: 'paid' }).toString(),
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    const crossSite = await fetch(`${issued.url}/situation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ _csrf: csrf, situation: 'paid' }).toString(),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    expect(await events('said_paid')).toHaveLength(0);
  });

  it('answers the household with its French page, never JSON, whatever refuses a form: NUL, bidi control, size, content type', async () => {
    const issued = await links.issue({ householdId, purpose: 'premierImpaye', locale: 'fr' });
    const csrf = await (await fetch(issued.url)).text().then((html) => /name="_csrf" value="([^"]+)"/.exec(html)![1]);
    const before = await events('callback_requested');
    const form = 'application/x-www-form-urlencoded';
    for (const [named, type, body, status, field] of [
      ['NUL', form, `_csrf=${csrf}&creneau=soonest%00`, 400, 'creneau'],
      ['bidi control', form, `_csrf=${csrf}&creneau=%E2%80%AE`, 400, 'creneau'],
      ['a day that does not exist', form, `_csrf=${csrf}&creneau=2026-02-30`, 400, 'creneau'],
      ['too large', form, `_csrf=${csrf}&creneau=${'a'.repeat(300_000)}`, 413, '(body)'],
      ['another content type', 'application/xml', `<creneau>soonest</creneau>`, 415, '(body)'],
    ] as const) {
      const r = await fetch(`${issued.url}/rappel`, { method: 'POST', headers: { 'content-type': type }, body, redirect: 'manual' });
      const text = await r.text();
      expect({ named, status: r.status, type: r.headers.get('content-type'), field: r.headers.get('x-invalid-field') }).toEqual({
        named,
        status,
        type: 'text/html; charset=utf-8',
        field,
      });
      expect(text).toContain('<html lang="fr"');
      expect(text).toContain('role="alert"');
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    expect(await events('callback_requested')).toEqual(before);
  });

  it('a shared-notice link counts its visits as responses attributed to the notice', async () => {
    const [commissaire] = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'commissaire-93'`)) as Array<{ id: string }>;
    const notice = await links.issue({
      householdId,
      purpose: 'notice',
      locale: 'fr',
      stage: 'premier_impaye',
      territory: '93',
      partnerId: commissaire.id,
    });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(notice.url);
    expect(await page.locator('main').innerText()).toContain('notice d’information'.replace('’', "'"));
    await page.close();
    const visits = (await events('link_visited')).filter((e) => e.source === 'notice');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ partner_id: commissaire.id, details: { via: 'notice', stage: 'premier_impaye', territory: '93' } });
    // An anonymous notice (no household) counts its visits on the link only.
    const anonymous = await links.issue({ purpose: 'notice', locale: 'fr', stage: 'assignation', territory: '93' });
    expect((await fetch(anonymous.url)).status).toBe(200);
    const [counted] = (await stack.db.query(`SELECT visit_count FROM response_link WHERE short_code = $1`, [
      anonymous.shortCode,
    ])) as Array<{ visit_count: number }>;
    expect(counted.visit_count).toBe(1);
  });

  it('an unknown, altered or expired link gets a kind French page with whom to call, 404, and nothing else', async () => {
    const expired = await links.issue(
      { householdId, purpose: 'premierImpaye', locale: 'ar', expiresAt: new Date(Date.now() + 1000) },
      new Date(Date.now() - 5000),
    );
    await new Promise((r) => setTimeout(r, 1200));
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    for (const url of [`${stack.baseUrl}/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, expired.url, `${expired.url.slice(0, -2)}xy`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      const text = await page.locator('main').innerText();
      expect(text).toContain('SOS Loyers Impayés');
      expect(text).not.toContain('Habitat Solidaire 93');
    }
    await shot(page, 'unknown');
    await page.close();
  });
});
