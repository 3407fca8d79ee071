import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, postDemoAlerts, seedDemoTasks } from '../../scripts/demo-seed';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { enqueueDispatch } from '../support/dispatch-workload';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(180_000);

/** The page's notice after a form (its kind first, so that a failure says which and why). */
async function noticeOf(page: Page): Promise<string> {
  const notice = page.locator('p.notice');
  if ((await notice.count()) === 0) return `no notice on ${page.url()}`;
  return `${(await notice.getAttribute('class')) ?? ''}: ${await notice.innerText()}`;
}

describe('call and visit worklists: the page in Chromium and the API of call platforms', () => {
  let stack: UnissonStack;
  let browser: Browser;
  let platform: TestClient;
  let teamId: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_worklist');
    await postDemoAlerts(stack.baseUrl, stack.keys['bailleur-93']);
    expect(await seedDemoTasks(stack.config, 60_000)).toBe(3);
    platform = new TestClient(stack.baseUrl, stack.keys['departement-93']);
    const teams = await platform.get<Array<{ id: string; name: string }>>('/v1/task-teams');
    teamId = teams.body[0].id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a call message dispatched by the worker becomes a task of the Département’s team, never CHANNEL_NOT_AVAILABLE', async () => {
    const [household] = await stack.db.query(`SELECT household_id FROM partner_record WHERE partner_ref = 'HS93-000101'`);
    const id = randomUUID();
    await stack.db.query(
      `INSERT INTO outbound_message (id, idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key, template_version, locale, recipient, body, not_before)
       VALUES ($1, $2, $3, $4, 'call', 'rappelImpaye', 'first_arrears_information', 'v1', 'fr', '+33612345678', 'Bonjour, je m’appelle…', now())`,
      [id, `e2e:call:${id}`, household.household_id, [randomUUID()]],
    );
    await enqueueDispatch(stack.config.redis.url, stack.config.redis.queuePrefix, [id]);
    const message = await eventually(
      async () => {
        const [m] = await stack.db.query(`SELECT status, last_error_code, provider_message_id FROM outbound_message WHERE id = $1`, [id]);
        return m.status === 'sent' ? m : undefined;
      },
      30_000,
      'the call message to be sent',
    );
    expect(message.last_error_code).toBeNull();
    const [task] = await stack.db.query(`SELECT team_id, state, routing_rule FROM task WHERE id = $1`, [message.provider_message_id]);
    expect(task).toEqual({ team_id: teamId, state: 'pending', routing_rule: 'departementAutresFoyers' });
  });

  it('the demo’s household who reads with difficulty hears its plan: a spoken message in easy-to-read French, no SMS', async () => {
    const call = await eventually(
      () => stack.sandbox.store.calls.find((c) => c.to === '+33148301234' && c.status === 'completed'),
      60_000,
      'the spoken message to Mme Diop',
    );
    expect(call.errors).toEqual([]);
    expect(call.twiml).toContain('<Say');
    expect(call.twiml).toContain('language="fr-FR"');
    expect(call.heard[0]).toMatch(/Aminata Diop/);
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33148301234')).toEqual([]);
    const message = await eventually(
      async () => {
        const [m] = await stack.db.query(`SELECT channel, locale, status FROM outbound_message WHERE provider_message_id = $1`, [call.sid]);
        return m?.status === 'delivered' ? m : undefined;
      },
      10_000,
      'the spoken message delivered',
    );
    expect(message).toEqual({ channel: 'voice', locale: 'fr-falc', status: 'delivered' });
  });

  it('signs in, takes the next task, reads the script in the household’s language and notes outcomes that re-plan', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    await page.goto(`${stack.baseUrl}/appels`);
    await page.fill('input[name=email]', 'appels@departement93.demo');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Se connecter")')]);
    await page.waitForURL(/\/appels\/equipes\//);
    expect(await page.locator('h1').innerText()).toContain('Liste de travail');
    expect(await page.locator('table').innerText()).toContain('appel');
    expect(await page.locator('table').innerText()).toContain('visite à domicile');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklist-1-equipe.png'), fullPage: true });

    // Take a call from the team's list (the row's own button).
    const callRow = page.locator('tr').filter({ has: page.locator('td:first-child', { hasText: /^appel$/ }) });
    await Promise.all([page.waitForNavigation(), callRow.locator('button:has-text("Prendre")').first().click()]);
    expect(await noticeOf(page)).toContain('Tâche réservée');
    const task = page.locator('fieldset.task').first();
    expect(await task.locator('legend').innerText()).toMatch(/^Appel/);
    expect(await task.locator('.script').isVisible()).toBe(true);
    expect(await task.locator('a.tel').getAttribute('href')).toMatch(/^tel:\+33/);
    // Youssef Benali reads Arabic: his script is the library's Arabic call script, right to left.
    let seenArabic = (await task.locator('.script').getAttribute('lang')) === 'ar';
    if (seenArabic) expect(await task.locator('.script').getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklist-2-tache-prise.png'), fullPage: true });

    await task.locator('select[name=outcome]').selectOption('no_answer');
    await Promise.all([page.waitForNavigation(), task.locator('button:has-text("Enregistrer le résultat")').click()]);
    expect(await noticeOf(page)).toContain('nouvel essai prévu');
    expect(await page.locator('fieldset.task').count()).toBe(0);

    // Every task the team may work now, one after the other, until none is due.
    let reached = 0;
    for (let i = 0; i < 5; i++) {
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Prendre la prochaine tâche")')]);
      if ((await page.locator('.notice.error').count()) > 0) break;
      expect(await noticeOf(page)).toContain('notice ok: Tâche réservée');
      const held = page.locator('fieldset.task').first();
      const legend = await held.locator('legend').innerText();
      if (legend.startsWith('Appel')) {
        const script = held.locator('.script');
        if ((await script.getAttribute('lang')) === 'ar') {
          seenArabic = true;
          expect(await script.getAttribute('dir')).toBe('rtl');
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklist-3-script-arabe.png'), fullPage: true });
        }
        if (reached === 0) {
          // Click-to-call: the agent's phone rings first, then the household's, which sees the partner's number.
          await held.locator('input[name=agentPhone]').fill('01 48 95 00 00');
          await held.locator('button:has-text("Appeler via Unisson")').click();
          await page.waitForFunction(
            `(() => { const out = document.querySelector('form.click-to-call .call-status'); return !!out && !!out.textContent && !out.textContent.includes('en cours'); })()`,
          );
          expect(await held.locator('.call-status').innerText()).toContain('Appel lancé');
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklist-5-mise-en-relation.png'), fullPage: true });
        }
        await held.locator('select[name=outcome]').selectOption('reached');
        reached++;
      } else {
        expect(await held.innerText()).toContain('Adresse');
        await held.locator('select[name=outcome]').selectOption('moved');
      }
      await Promise.all([page.waitForNavigation(), held.locator('button:has-text("Enregistrer le résultat")').click()]);
      expect(await noticeOf(page)).toContain('tâche terminée');
    }
    expect(reached).toBeGreaterThanOrEqual(1);
    expect(seenArabic).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklist-4-apres.png'), fullPage: true });
    const kinds: Array<{ kind: string; source: string }> = await stack.db.query(
      `SELECT kind, source FROM response_event ORDER BY occurred_at`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['call_no_answer', 'call_reached', 'visit_moved']));
    await page.close();
  });

  it('serves call platforms’ own tools: named fields on bad input, another partner’s team hidden, a key without tasks:work refused', async () => {
    const badClaim = await platform.post(`/v1/task-teams/${teamId}/claims`, { taskId: 'pas-un-uuid' });
    expect(badClaim.status).toBe(400);
    expect(JSON.stringify(badClaim.body)).toContain('taskId');
    const list = await platform.get<{ tasks: Array<{ id: string; state: string }> }>(`/v1/task-teams/${teamId}/tasks`);
    expect(list.status).toBe(200);
    const open = list.body.tasks.find((t) => t.state === 'pending');
    if (open) {
      const claimed = await platform.post<{ id: string; script: string | null; recipient: string | null }>(
        `/v1/task-teams/${teamId}/claims`,
        {
          taskId: open.id,
        },
      );
      if (claimed.status === 200) {
        expect(claimed.body.recipient).not.toBeNull();
        const bad = await platform.post(`/v1/tasks/${open.id}/outcome`, { outcome: 'met' });
        expect(bad.status).toBe(400);
        expect(JSON.stringify(bad.body)).toContain('outcome');
        const callback = await platform.post(`/v1/tasks/${open.id}/outcome`, { outcome: 'callback_requested' });
        expect(callback.status).toBe(400);
        expect(JSON.stringify(callback.body)).toContain('callbackAt');
      }
    }
    const other = new TestClient(stack.baseUrl, stack.keys['operateur']);
    expect((await other.get(`/v1/task-teams/${teamId}/tasks`)).status).toBe(404);
    const landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    expect((await landlord.get(`/v1/task-teams/${teamId}/tasks`)).status).toBe(403);
  });
});
