import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { crockfordCheckSymbol } from '../../libs/response-page/src/domain/tracking-code';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../scripts/demo-seed';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(90_000);

/** Every file under a folder (the print shop's outbox). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('a planned letter goes through the day’s print batch to the print shop, and its return re-plans', () => {
  let stack: UnissonStack;
  const lettersDir = mkdtempSync(join(tmpdir(), 'unisson-letters-'));

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_letters', { LETTER_BATCH_DELAY_MS: '0', LETTERS_DIR: lettersDir });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The demo social landlord's first-arrears alert, as its software sends it. */
  const postAlert = (idempotencyKey: string, alert: Record<string, unknown>) =>
    fetch(`${stack.baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.keys['bailleur-93']}`,
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(alert),
    });

  it('prints the household’s letter in a merged batch with its manifest, then records its return once', async () => {
    // A household with neither phone nor e-mail: letters are the only way to reach it.
    const response = await postAlert('e2e-letter-0001', {
      partnerRef: 'HS93-LETTER-1',
      tenant: { lastName: 'Benali', firstName: 'Fatima' },
      address: { street: '14, rue Gabriel Péri', extra: 'Bât C', postalCode: '93200', city: 'Saint-Denis' },
      lease: { housingSector: 'social', monthlyRent: 498 },
      arrears: { amount: 996, firstUnpaidOn: '2026-10-05' },
    });
    expect(response.status).toBe(202);
    // The playbook writes a week after the SMS and e-mail it cannot send: the week goes by.
    await eventually(
      async () =>
        ((await stack.db.query(`SELECT 1 FROM planned_contact WHERE channel = 'letter' AND status = 'planned'`)) as unknown[]).length > 0 ||
        undefined,
      20_000,
      'the letter to be planned',
    );
    await stack.db.query(`UPDATE planned_contact SET not_before = '2026-12-01T09:00:00Z' WHERE channel = 'letter' AND status = 'planned'`);

    const letter = await eventually(
      async () => {
        const rows = (await stack.db.query(
          `SELECT m.id, m.status, m.household_id, i.tracking_code_display, i.status AS print_status, i.pages, i.planned_contact_key
             FROM outbound_message m JOIN letter_print_item i ON i.message_id = m.id WHERE m.channel = 'letter'`,
        )) as Array<{
          id: string;
          status: string;
          household_id: string;
          tracking_code_display: string;
          print_status: string;
          pages: number;
          planned_contact_key: string;
        }>;
        return rows.find((r) => r.print_status === 'posted');
      },
      45_000,
      'the letter to be posted',
    ).catch(async (error: unknown) => {
      console.log(await stack.db.query(`SELECT channel, status, last_error_code, recipient FROM outbound_message`));
      console.log(await stack.db.query(`SELECT status, print_day, batch_id FROM letter_print_item`));
      console.log(await stack.db.query(`SELECT channel, status, outcome, not_before, now() AS now, reasons FROM planned_contact`));
      throw error;
    });
    expect(letter.status).toBe('sent');
    // At rest the staged letter holds its address block and body sealed (decision 0020), the message too.
    const stored = JSON.stringify([
      await stack.db.query(`SELECT * FROM letter_print_item`),
      await stack.db.query(`SELECT * FROM outbound_message WHERE channel = 'letter'`),
    ]).toLowerCase();
    for (const clear of ['benali', 'gabriel p']) expect(stored).not.toContain(clear);
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM outbound_message WHERE last_error_code = 'CHANNEL_NOT_AVAILABLE'`)).toEqual(
      [{ n: 0 }],
    );

    // The print shop's outbox: one merged PDF and its manifest for the sender and the day.
    const files = filesUnder(join(lettersDir, 'outbox'));
    const pdf = files.find((f) => f.endsWith('courriers.pdf'))!;
    const manifest = readFileSync(
      files.find((f) => f.endsWith('manifeste.csv'))!,
      'utf8',
    );
    expect(manifest.split('\n')[0]).toBe('code_suivi;premiere_page;pages;affranchissement;ligne1;ligne2;ligne3;ligne4;ligne5;ligne6');
    expect(manifest).toMatch(
      new RegExp(
        `${letter.tracking_code_display};1;${letter.pages};lettre (simple|suivie);Fatima Benali;Bât C;14 RUE GABRIEL PERI;93200 SAINT-DENIS`,
      ),
    );
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('Fatima Benali');
    expect(text).toContain('14 RUE GABRIEL PERI');
    expect(text).toContain(letter.tracking_code_display);

    // The letter comes back NPAI: an operator types its code (with a slip: O for 0, lower case).
    const operator = new TestClient(stack.baseUrl);
    await operator.signIn('operateur@unisson.local', DEMO_PASSWORD);
    const typed = letter.tracking_code_display.toLowerCase().replace(/0/g, 'o');
    const first = await operator.post<{ status: string }>('/v1/letters/returns', { trackingCode: typed });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('recorded');
    const again = await operator.post<{ status: string }>('/v1/letters/returns', {
      trackingCode: letter.tracking_code_display,
      source: 'scan',
    });
    expect(again.body.status).toBe('already-recorded');
    const unknown = await operator.post('/v1/letters/returns', { trackingCode: 'nonsense!' });
    expect(unknown.status).toBe(400);

    await eventually(
      async () =>
        ((await stack.db.query(`SELECT status FROM outbound_message WHERE id = $1`, [letter.id])) as Array<{ status: string }>)[0]
          ?.status === 'undelivered' || undefined,
      15_000,
      'the letter message to be undelivered',
    );
    expect(await stack.db.query(`SELECT kind, source FROM response_event WHERE message_id = $1`, [letter.id])).toEqual([
      { kind: 'letter_returned', source: 'letter' },
    ]);
    // The playbook's escalation: the contact's outcome is npai and the address is marked returned for every partner.
    const [contact] = (await stack.db.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [
      letter.planned_contact_key,
    ])) as Array<{ outcome: string }>;
    expect(contact.outcome).toBe('npai');
    expect(
      await stack.db.query(`SELECT count(*)::int AS n FROM returned_postal_address WHERE household_id = $1`, [letter.household_id]),
    ).toEqual([{ n: 1 }]);
  });

  it('the returned-letters page: an operator types or scans the code and sees what it did, in French, without script', async () => {
    // A second household with only a postal address: its letter is posted in a batch of its own.
    const alert = await postAlert('e2e-letter-0002', {
      partnerRef: 'HS93-LETTER-2',
      tenant: { lastName: 'Martin', firstName: 'Jean-Pierre' },
      address: { street: '3, allée des Tilleuls', postalCode: '93200', city: 'Saint-Denis' },
      lease: { housingSector: 'social', monthlyRent: 520 },
      arrears: { amount: 1040, firstUnpaidOn: '2026-10-05' },
    });
    expect(alert.status).toBe(202);
    const [record] = await eventually(
      async () => {
        const rows = (await stack.db.query(`SELECT household_id FROM partner_record WHERE partner_ref = 'HS93-LETTER-2'`)) as Array<{
          household_id: string;
        }>;
        return rows.length ? rows : undefined;
      },
      20_000,
      'the second household',
    );
    const planned = `SELECT 1 FROM planned_contact WHERE household_id = $1 AND channel = 'letter' AND status = 'planned'`;
    await eventually(
      async () => ((await stack.db.query(planned, [record.household_id])) as unknown[]).length > 0 || undefined,
      20_000,
      'the second letter to be planned',
    );
    await stack.db.query(
      `UPDATE planned_contact SET not_before = '2026-12-01T09:00:00Z' WHERE household_id = $1 AND channel = 'letter' AND status = 'planned'`,
      [record.household_id],
    );
    const letter = await eventually(
      async () => {
        const rows = (await stack.db.query(
          `SELECT i.tracking_code_display AS code, i.status, p.slug AS sender FROM letter_print_item i JOIN partner p ON p.id = i.sender_partner_id
            WHERE i.household_id = $1`,
          [record.household_id],
        )) as Array<{ code: string; status: string; sender: string }>;
        return rows.find((r) => r.status === 'posted');
      },
      45_000,
      'the second letter to be posted',
    );

    const browser: Browser = await launchChromium();
    try {
      const signedIn = async (email: string): Promise<Page> => {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${stack.baseUrl}/courriers/retours`);
        await page.fill('input[name=email]', email);
        await page.fill('input[name=password]', DEMO_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('button:has-text("Se connecter")')]);
        await page.waitForURL(/\/courriers\/retours$/);
        return page;
      };
      const submit = async (page: Page, code: string, how: 'Tapé au clavier' | 'Lu par un lecteur de codes') => {
        await page.fill('input[name=trackingCode]', code);
        await page.check(`label:has-text("${how}") input`);
        const [answer] = await Promise.all([page.waitForNavigation(), page.press('input[name=trackingCode]', 'Enter')]);
        return {
          status: answer!.status(),
          heading: await page.locator('h2#resultat').innerText(),
          result: await page.locator('section').innerText(),
        };
      };

      const operator = await signedIn('operateur@unisson.local');
      expect(await operator.locator('h1').innerText()).toBe('Courriers revenus (NPAI)');
      await operator.screenshot({ path: join(SCREENSHOT_DIR, 'retours-1-formulaire.png'), fullPage: true });

      const junk = await submit(operator, 'nonsense!', 'Tapé au clavier');
      expect(junk).toMatchObject({ status: 400, heading: 'Ce n’est pas un code de suivi' });

      // Typed by hand with the usual slips: lower case, O for 0.
      const typed = await submit(operator, letter.code.toLowerCase().replace(/0/g, 'o'), 'Tapé au clavier');
      expect(typed.status).toBe(200);
      expect(typed.heading).toBe('Retour enregistré');
      expect(typed.result).toContain(letter.code);
      expect(typed.result).toContain('Retour enregistré le');
      await operator.screenshot({ path: join(SCREENSHOT_DIR, 'retours-2-enregistre.png'), fullPage: true });

      // The same envelope scanned again: nothing changes, and the page says so.
      const again = await submit(operator, letter.code, 'Lu par un lecteur de codes');
      expect(again).toMatchObject({ status: 200, heading: 'Déjà enregistré' });
      expect(await operator.locator('input[value=scan]').isChecked()).toBe(true);
      await operator.screenshot({ path: join(SCREENSHOT_DIR, 'retours-3-deja-enregistre.png'), fullPage: true });

      // A well-formed code (its check symbol right) that no letter carries.
      const data = ['ZZZZZZZZ', 'ZZZZZZZY', 'ZZZZZZZX', 'ZZZZZZZW'].find((d) => /[0-9A-Z]/.test(crockfordCheckSymbol(d)))!;
      const unknown = await submit(operator, `${data}${crockfordCheckSymbol(data)}`, 'Tapé au clavier');
      expect(unknown).toMatchObject({ status: 404, heading: 'Code inconnu' });
      await operator.screenshot({ path: join(SCREENSHOT_DIR, 'retours-4-code-inconnu.png'), fullPage: true });

      // Another organisation's people do not see this letter: the same answer as an unknown code.
      const other = DEMO_ACCOUNTS.find((a) => a.role === 'partner_staff' && a.partnerSlug !== letter.sender)!;
      const stranger = await signedIn(other.email);
      expect(await submit(stranger, letter.code, 'Tapé au clavier')).toMatchObject({ status: 404, heading: 'Code inconnu' });
    } finally {
      await browser.close();
    }
    expect(
      await stack.db.query(
        `SELECT e.kind, e.details->>'reportedBy' AS by FROM response_event e JOIN letter_print_item i ON i.message_id = e.message_id
          WHERE i.household_id = $1`,
        [record.household_id],
      ),
    ).toEqual([{ kind: 'letter_returned', by: 'operator' }]);
  });

  it('gives the shared notice as PDF for a stage and territory, personalised only for the procedures one takes part in, every fetch audited', async () => {
    const get = (path: string, key: string) =>
      fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${stack.keys[key]}` } });
    const anonymous = await get('/v1/notices/commandement_de_payer?territory=93&locale=ar', 'commissaire-93');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('application/pdf');
    const file = join(lettersDir, 'notice-ar.pdf');
    writeFileSync(file, Buffer.from(await anonymous.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('commandement de payer');
    expect(text).toContain('ADIL de la Seine-Saint-Denis');

    const [{ household_id: householdId }] = (await stack.db.query(`SELECT household_id FROM letter_print_item LIMIT 1`)) as Array<{
      household_id: string;
    }>;
    // The commissaire served no act to this household: its notice does not exist for it.
    expect((await get(`/v1/notices/premier_impaye?territory=93&householdId=${householdId}`, 'commissaire-93')).status).toBe(404);
    const personal = await get(`/v1/notices/premier_impaye?territory=93&locale=fr-falc&householdId=${householdId}`, 'bailleur-93');
    expect(personal.status).toBe(200);
    expect((await get('/v1/notices/nowhere?territory=9', 'bailleur-93')).status).toBe(400);
    const audited = (await stack.db.query(
      `SELECT action, household_id FROM audit_entry WHERE subject_type = 'notice' ORDER BY action`,
    )) as Array<{ action: string; household_id: string | null }>;
    expect(audited.map((a) => a.action)).toEqual(['notice.household.read', 'notice.read']);
  });
});
