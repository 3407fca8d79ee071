/**
 * Letters to the private landlord, end to end (issue 9, decision 0022): an admin sets the
 * landlord's address (checked for the window envelope), a 91 private-sector household is served
 * an assignation, and the day's print batches hold the tenant's letters and one letter to the
 * landlord, at the landlord's address, without the household's response link or QR code. Its
 * return (NPAI) marks the landlord's address, never the household's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LANDLORD_RECIPIENT_SHOWN } from '@unisson/messaging';
import { DEMO_LANDLORD_CASE, DEMO_PASSWORD, postDemoLandlordCase } from '../../scripts/demo-seed';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(120_000);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A printed letter found in the print shop's outbox by its tracking code: its pages' text and images. */
function printed(outbox: string, trackingCode: string): { text: string; images: number; manifestLine: string } {
  for (const manifest of filesUnder(outbox).filter((f) => f.endsWith('manifeste.csv'))) {
    const line = readFileSync(manifest, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${trackingCode};`));
    if (!line) continue;
    const [, first, pages] = line.split(';');
    const last = String(Number(first) + Number(pages) - 1);
    const pdf = join(dirname(manifest), 'courriers.pdf');
    const text = execFileSync('pdftotext', ['-layout', '-f', first, '-l', last, pdf, '-']).toString();
    const images = execFileSync('pdfimages', ['-list', '-f', first, '-l', last, pdf]).toString().trim().split('\n').length - 2;
    return { text, images, manifestLine: line };
  }
  throw new Error(`letter ${trackingCode} not in the outbox`);
}

interface Letter {
  message_id: string;
  purpose: string;
  tracking_code_display: string;
  response_url: string;
  addressee: string;
  locale: string;
  status: string;
  planned_contact_key: string;
}

describe('letters to a private landlord of Essonne', () => {
  let stack: UnissonStack;
  const lettersDir = mkdtempSync(join(tmpdir(), 'unisson-landlord-letters-'));
  let admin: TestClient;
  let landlordId: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_landlord_letters', { LETTER_BATCH_DELAY_MS: '0', LETTERS_DIR: lettersDir });
    admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
    [{ id: landlordId }] = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'bailleur-prive-91'`)) as Array<{ id: string }>;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an admin sets the landlord’s address: a wrong one is refused naming its field, nothing kept', async () => {
    const path = `/v1/admin/partners/${landlordId}/postal-address`;
    const seeded = await admin.get<{ lines: string[] }>(path);
    expect(seeded.status).toBe(200);
    expect(seeded.body.lines).toEqual(['M. Jean Lefèvre', '8 AVENUE DE LA REPUBLIQUE', '91300 MASSY']);

    const wrong = await admin.request<{ code: string; details: Array<{ field: string }> }>('PUT', path, {
      name: 'M. Jean Lefèvre',
      street: '21 bis, rue Gambetta prolongée jusqu’à la place de la Gare',
      postalCode: '913',
      city: 'Massy',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('postalCode');
    expect(wrong.text).toContain('street');
    expect((await admin.get<{ lines: string[] }>(path)).body.lines).toEqual(seeded.body.lines);

    // The same on the admin page, in French: the address shown, a wrong one sent back field by field.
    const page = await admin.get(`/admin/partenaires/${landlordId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Adresse postale (courriers au bailleur)');
    expect(page.text).toContain('8 AVENUE DE LA REPUBLIQUE');
    const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: admin.csrfToken!, ...fields });
    const refused = await admin.post(
      `/admin/partenaires/${landlordId}/adresse`,
      form({ name: 'M. Jean Lefèvre', street: '8 avenue de la République', postalCode: '9130', city: 'Massy' }),
    );
    expect(refused.status).toBe(303);
    expect(decodeURIComponent(refused.headers.get('location') ?? '')).toMatch(
      /erreur=Adresse non enregistrée\. Code postal : le code postal doit avoir 5 chiffres/,
    );
    const kept = await admin.post(
      `/admin/partenaires/${landlordId}/adresse`,
      form({ name: 'M. Jean Lefèvre', street: '10 avenue de la République', postalCode: '91300', city: 'Massy' }),
    );
    expect(decodeURIComponent(kept.headers.get('location') ?? '')).toContain(
      'ok=Adresse enregistrée : M. Jean Lefèvre / 10 AVENUE DE LA REPUBLIQUE / 91300 MASSY',
    );
    expect((await admin.get<{ lines: string[] }>(path)).body.lines[1]).toBe('10 AVENUE DE LA REPUBLIQUE');

    const [{ id: team }] = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'equipe-mobile-91'`)) as Array<{ id: string }>;
    const notALandlord = await admin.request<{ code: string }>('PUT', `/v1/admin/partners/${team}/postal-address`, {
      name: 'Équipe mobile',
      street: '1 rue de la Gare',
      postalCode: '91000',
      city: 'Évry',
    });
    expect(notALandlord.status).toBe(409);
    expect(notALandlord.body.code).toBe('NOT_A_PRIVATE_LANDLORD');

    const set = await admin.request<{ lines: string[] }>('PUT', path, {
      name: 'M. Jean Lefèvre',
      addressExtra: 'Résidence Les Acacias',
      street: '21 bis, rue Gambetta',
      postalCode: '91300',
      city: 'Massy',
    });
    expect(set.status).toBe(200);
    expect(set.body.lines).toEqual(['M. Jean Lefèvre', 'Résidence Les Acacias', '21 BIS RUE GAMBETTA', '91300 MASSY']);
    // Sealed at rest: a private landlord is a person.
    const raw = JSON.stringify(await stack.db.query(`SELECT * FROM partner_postal_address`));
    for (const clear of ['Lefèvre', 'GAMBETTA', 'Acacias']) expect(raw).not.toContain(clear);
  });

  it('at assignation the tenant gets its letters and the landlord one letter, at its address, with no response link nor QR code; its return marks the landlord’s address only', async () => {
    // No address for the landlord yet (forgotten): its tenant's plan has no letter to it, and says why.
    const path = `/v1/admin/partners/${landlordId}/postal-address`;
    const address = (await admin.get<Record<string, unknown>>(path)).body;
    expect((await admin.request('DELETE', path)).status).toBe(204);
    // The demo's Essonne case (npm start posts the same): the landlord's alert, then the assignation it had served.
    const demoCase = await postDemoLandlordCase(stack.baseUrl, stack.keys['bailleur-prive-91']);
    const [{ household_id: householdId }] = (await stack.db.query(`SELECT household_id FROM partner_record WHERE partner_ref = $1`, [
      DEMO_LANDLORD_CASE.alert.partnerRef,
    ])) as Array<{ household_id: string }>;
    expect(demoCase).toBe(householdId);

    const landlordKey = new TestClient(stack.baseUrl, stack.keys['bailleur-prive-91']);
    const withoutAddress = await eventually(
      async () => {
        const plan = await landlordKey.get<{ stage: string; contacts: Array<{ purpose: string }>; trace: Array<{ message: string }> }>(
          `/v1/households/${householdId}/plan`,
        );
        return plan.status === 200 && plan.body.stage === 'assignation' ? plan.body : undefined;
      },
      20_000,
      'the assignation plan',
    );
    expect(withoutAddress.contacts.some((c) => c.purpose === 'courrierBailleurPrive')).toBe(false);
    expect(withoutAddress.trace.map((t) => t.message).join('\n')).toContain("Unisson n'a pas l'adresse postale du bailleur privé");
    // The admin gives it: the plan follows at once, without waiting for the case's next event.
    const { partnerId: _partnerId, lines: _lines, updatedAt: _updatedAt, ...given } = address;
    expect((await admin.request('PUT', path, given)).status).toBe(200);

    // The plan: letters to the tenant, and one to the landlord (the mobile team's, 5 days on).
    const plannedLetters = `SELECT purpose FROM planned_contact WHERE household_id = $1 AND channel = 'letter' AND status = 'planned'`;
    const planned = await eventually(
      async () => {
        const rows = (await stack.db.query(plannedLetters, [householdId])) as Array<{ purpose: string }>;
        return rows.some((r) => r.purpose === 'courrierBailleurPrive') && rows.some((r) => r.purpose !== 'courrierBailleurPrive')
          ? rows
          : undefined;
      },
      20_000,
      'the assignation’s letters to be planned',
    );
    expect(planned.filter((r) => r.purpose === 'courrierBailleurPrive')).toHaveLength(1);
    // The days go by: every planned letter is due.
    await stack.db.query(
      `UPDATE planned_contact SET not_before = '2026-12-01T09:00:00Z' WHERE household_id = $1 AND channel = 'letter' AND status = 'planned'`,
      [householdId],
    );
    const letters = await eventually(
      async () => {
        const rows = (await stack.db.query(
          `SELECT i.message_id, i.purpose, i.tracking_code_display, i.response_url, i.addressee, i.locale, i.status, i.planned_contact_key
             FROM letter_print_item i WHERE i.household_id = $1`,
          [householdId],
        )) as Letter[];
        return rows.length === planned.length && rows.every((r) => r.status === 'posted') ? rows : undefined;
      },
      60_000,
      'every letter to be posted',
    ).catch(async (error: unknown) => {
      console.log(
        await stack.db.query(`SELECT channel, purpose, status, last_error_code FROM outbound_message WHERE household_id = $1`, [
          householdId,
        ]),
      );
      throw error;
    });
    const toLandlord = letters.filter((l) => l.purpose === 'courrierBailleurPrive');
    const toTenant = letters.filter((l) => l.purpose !== 'courrierBailleurPrive');
    expect(toLandlord).toHaveLength(1);
    expect(toTenant.length).toBeGreaterThan(0);
    expect(toLandlord[0]).toMatchObject({ locale: 'fr', response_url: '', addressee: 'landlord' });
    // No response page was issued for it: the landlord cannot answer for the household.
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM response_link WHERE message_id = $1`, [toLandlord[0].message_id])).toEqual([
      { n: 0 },
    ]);

    const outbox = join(lettersDir, 'outbox');
    const landlordLetter = printed(outbox, toLandlord[0].tracking_code_display);
    for (const expected of [
      'M. Jean Lefèvre',
      'Résidence Les Acacias',
      '21 BIS RUE GAMBETTA',
      '91300 MASSY',
      'Votre locataire Mariam Traoré',
      '15 février 2027',
      'Équipe mobile de prévention des expulsions de l’Essonne',
      `Code de suivi ${toLandlord[0].tracking_code_display}`,
    ])
      expect(landlordLetter.text).toContain(expected);
    for (const household of ['/r/', 'Répondez-nous', 'Scannez ce code', '12 RUE DES LILAS'])
      expect(landlordLetter.text).not.toContain(household);
    expect(landlordLetter.images).toBe(0);
    expect(landlordLetter.manifestLine).toContain(';M. Jean Lefèvre;Résidence Les Acacias;21 BIS RUE GAMBETTA;91300 MASSY');

    // The tenant's letters are as before: to the tenant's address, with its response link and QR code.
    for (const tenantLetter of toTenant) {
      expect(tenantLetter.response_url).toMatch(/\/r\//);
      const page = printed(outbox, tenantLetter.tracking_code_display);
      expect(page.text).toContain('Mariam Traoré');
      expect(page.text).toContain('12 RUE DES LILAS');
      expect(page.text).toContain('91000 EVRY-COURCOURONNES');
      expect(page.text).toContain('Répondez-nous');
      expect(page.text).not.toContain('GAMBETTA');
      expect(page.images).toBeGreaterThan(0);
    }

    // The letter to the landlord comes back NPAI: the landlord's address is marked, never the household's.
    const operator = new TestClient(stack.baseUrl);
    await operator.signIn('operateur@unisson.local', DEMO_PASSWORD);
    const returned = await operator.post<{ status: string }>('/v1/letters/returns', { trackingCode: toLandlord[0].tracking_code_display });
    expect(returned.body.status).toBe('recorded');
    await eventually(
      async () =>
        (
          (await stack.db.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [
            toLandlord[0].planned_contact_key,
          ])) as Array<{
            outcome: string | null;
          }>
        )[0]?.outcome === 'npai' || undefined,
      15_000,
      'the landlord letter’s npai outcome',
    );
    await eventually(
      async () =>
        ((await stack.db.query(`SELECT 1 FROM returned_landlord_address WHERE partner_id = $1`, [landlordId])) as unknown[]).length === 1 ||
        undefined,
      15_000,
      'the landlord’s address to be marked',
    );
    // Partners hear whose letter came back (their webhook's `addressee`).
    expect(
      await stack.db.query(`SELECT details->>'addressee' AS addressee FROM response_event WHERE message_id = $1`, [
        toLandlord[0].message_id,
      ]),
    ).toEqual([{ addressee: 'landlord' }]);
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM returned_postal_address WHERE household_id = $1`, [householdId])).toEqual([
      { n: 0 },
    ]);
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM outbound_message WHERE last_error_code = 'CHANNEL_NOT_AVAILABLE'`)).toEqual(
      [{ n: 0 }],
    );

    // The household's file (an access request) says the team wrote to its landlord, not where the landlord lives.
    const file = await admin.get<{ messages: Array<{ purpose: string; recipient: string }> }>(`/v1/households/${householdId}/export`);
    expect(file.status).toBe(200);
    expect(file.body.messages.find((m) => m.purpose === 'courrierBailleurPrive')?.recipient).toBe(LANDLORD_RECIPIENT_SHOWN);
    expect(file.text).not.toContain('GAMBETTA');
    expect(file.body.messages.some((m) => m.recipient.includes('12, rue des Lilas'))).toBe(true);

    // The landlord asks to be forgotten: its address goes, and a second time there is nothing to forget.
    expect((await admin.request('DELETE', path)).status).toBe(204);
    expect((await admin.get(path)).status).toBe(404);
    expect((await admin.request('DELETE', path)).status).toBe(404);
    expect(await stack.db.query(`SELECT count(*)::int AS n FROM partner_postal_address WHERE partner_id = $1`, [landlordId])).toEqual([
      { n: 0 },
    ]);
  });
});
