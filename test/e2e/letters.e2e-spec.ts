import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
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

  it('prints the household’s letter in a merged batch with its manifest, then records its return once', async () => {
    // A household with neither phone nor e-mail: letters are the only way to reach it.
    const response = await fetch(`${stack.baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.keys['bailleur-93']}`,
        'idempotency-key': 'e2e-letter-0001',
      },
      body: JSON.stringify({
        partnerRef: 'HS93-LETTER-1',
        tenant: { lastName: 'Benali', firstName: 'Fatima' },
        address: { street: '14, rue Gabriel Péri', extra: 'Bât C', postalCode: '93200', city: 'Saint-Denis' },
        lease: { housingSector: 'social', monthlyRent: 498 },
        arrears: { amount: 996, firstUnpaidOn: '2026-10-05' },
      }),
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
