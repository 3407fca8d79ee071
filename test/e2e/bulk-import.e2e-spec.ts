import type { ImportStatus as Status } from '@unisson/bulk-import';
import { openDocument } from '@unisson/crypto';
import iconv from 'iconv-lite';
import { generateAlertRows } from '../../libs/bulk-import/src/cli/alert-file-generator';
import { distinctAlerts } from '../support/alerts';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(180_000);

describe('a landlord uploads a CSV of alerts', () => {
  let stack: UnissonStack;
  let landlord: TestClient;
  const upload = (body: Buffer, key = stack.keys['bailleur-93'], type = 'text/csv') =>
    fetch(`${stack.baseUrl}/v1/alerts/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type, 'x-file-name': 'export.csv' },
      body,
    });
  const finished = (id: string) =>
    eventually(
      async () => {
        const s = (await landlord.get<Status>(`/v1/alerts/imports/${id}`)).body;
        return s.status === 'completed' || s.status === 'failed' ? s : undefined;
      },
      120_000,
      'the import to finish',
    );

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_bulk');
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads a Windows-1252 ";" export, creates one alert per valid row and reports the others in French', async () => {
    const text = generateAlertRows(1_200, { invalidShare: 0.01, seed: 7 });
    const response = await upload(iconv.encode(text, 'win1252'));
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as Status;
    const done = await finished(accepted.importId);
    const invalidLines = text.split('\r\n').filter((l, i) => i > 0 && /;\d{4};/.test(l)).length;
    expect(done).toMatchObject({
      status: 'completed',
      rowsTotal: 1200,
      rowsDone: 1200,
      rowsInvalid: invalidLines,
      alertsCreated: 1200 - invalidLines,
      alertsReplayed: 0,
    });
    const [{ count }] = await stack.db.query(
      `SELECT count(*)::int AS count FROM partner_submission WHERE kind = 'alert' AND payload->>'partnerRef' LIKE 'GEN-%'`,
    );
    expect(count).toBe(1200 - invalidLines);
    const payloads: Array<{ payload: Record<string, unknown> }> = await stack.db.query(
      `SELECT payload FROM partner_submission WHERE kind = 'alert' AND payload->>'partnerRef' LIKE 'GEN-%'`,
    );
    // Sealed at rest (decision 0020); opened, the accents survived Windows-1252.
    expect(JSON.stringify(payloads)).not.toContain('Lefèvre');
    const names = payloads.filter(
      (p) => openDocument<{ tenant: { lastName: string } }>(p.payload, 'partner_submission.payload').tenant.lastName === 'Lefèvre',
    );
    expect(names.length).toBeGreaterThan(0);
    const errors = await landlord.get<Array<{ line: number; field: string; reason: string }>>(
      `/v1/alerts/imports/${accepted.importId}/errors`,
    );
    expect(errors.body).toHaveLength(invalidLines);
    expect(errors.body[0]).toMatchObject({ field: 'Code postal', reason: 'attendu : un code postal français à 5 chiffres' });
    const csv = await fetch(`${stack.baseUrl}/v1/alerts/imports/${accepted.importId}/errors?format=csv`, {
      headers: { authorization: `Bearer ${stack.keys['bailleur-93']}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // Excel reads it as UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[1]).toMatch(/^\d+;Code postal;attendu : un code postal français à 5 chiffres$/);
  });

  it('returns the first upload for the same file, and creates nothing for the same rows in another file', async () => {
    const text = generateAlertRows(300, { invalidShare: 0, seed: 11 });
    const first = await upload(Buffer.from(text, 'utf8'));
    const firstStatus = await finished(((await first.json()) as Status).importId);
    expect(firstStatus.alertsCreated).toBe(300);
    const again = await upload(Buffer.from(text, 'utf8'));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Status).importId).toBe(firstStatus.importId);
    // Same rows with a BOM and commas (fields quoted, as "512,40" holds one): another file, the same alerts.
    const commas = `\ufeff${text
      .split('\r\n')
      .map((line) =>
        line
          ? line
              .split(';')
              .map((f) => `"${f}"`)
              .join(',')
          : line,
      )
      .join('\r\n')}`;
    const other = await upload(Buffer.from(commas, 'utf8'));
    expect(other.status).toBe(202);
    const otherStatus = await finished(((await other.json()) as Status).importId);
    expect(otherStatus).toMatchObject({ alertsCreated: 0, alertsReplayed: 300, rowsInvalid: 0 });
  });

  it('takes every valid row of a file through intake (households matched or created, procedures, plans), counted in the status, another partner’s alert not waiting behind it', async () => {
    // 500 rows of their own (references E2E-…), so that nothing of the other tests is replayed.
    const text = generateAlertRows(500, { invalidShare: 0.01, seed: 23 }).replace(/GEN-/g, 'E2E-');
    const response = await upload(iconv.encode(text, 'win1252'));
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as Status;
    // While the file's alerts wait for the worker, an alert posted through the API goes first.
    const backlog = await eventually(
      async () => {
        const s = (await landlord.get<Status>(`/v1/alerts/imports/${importId}`)).body;
        return s.alertsWaiting >= 300 ? s : undefined;
      },
      60_000,
      'the file’s alerts to wait for intake',
    );
    expect(backlog.alertsProcessed + backlog.alertsWaiting).toBeLessThanOrEqual(500);
    const posted = await landlord.post<{ submissionId: string }>('/v1/alerts', distinctAlerts(1, 'api-priority')[0].body);
    expect(posted.status).toBe(202);
    const done = await eventually(
      async () => {
        const s = (await landlord.get<Status>(`/v1/alerts/imports/${importId}`)).body;
        return s.status === 'completed' && s.alertsWaiting === 0 ? s : undefined;
      },
      150_000,
      'intake to process every alert of the file',
    );
    const invalid = text.split('\r\n').filter((l, i) => i > 0 && /;\d{4};/.test(l)).length;
    expect(invalid).toBeGreaterThan(0);
    expect(done).toMatchObject({
      rowsDone: 500,
      rowsInvalid: invalid,
      alertsCreated: 500 - invalid,
      alertsProcessed: 500 - invalid,
      processedPercent: 100,
    });
    const [submissions] = await stack.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE error_code IS NOT NULL)::int AS failed,
              max(processed_at) AS last FROM partner_submission WHERE bulk_import_id = $1`,
      [importId],
    );
    expect(submissions).toMatchObject({ total: 500 - invalid, failed: 0 });
    const [apiAlert] = await stack.db.query(`SELECT processed_at FROM partner_submission WHERE id = $1`, [posted.body.submissionId]);
    expect(apiAlert.processed_at).not.toBeNull();
    expect(new Date(apiAlert.processed_at).getTime()).toBeLessThan(new Date(submissions.last).getTime());
    // Each row is a partner record on a household with its procedure, and (right after: the
    // engine plans once the record is committed) its coordinated plan.
    const households = await eventually(
      async () => {
        const [row] = await stack.db.query(
          `SELECT count(*)::int AS records, count(DISTINCT r.household_id)::int AS households,
                  count(*) FILTER (WHERE p.id IS NULL)::int AS without_procedure,
                  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM contact_plan c WHERE c.household_id = r.household_id))::int AS without_plan
             FROM partner_record r LEFT JOIN procedure p ON p.household_id = r.household_id AND p.stage = 'premier_impaye'
            WHERE r.partner_ref LIKE 'E2E-%'`,
        );
        return row.without_plan === 0 ? row : undefined;
      },
      30_000,
      'a plan for every household of the file',
    );
    expect(households).toMatchObject({ records: 500 - invalid, without_procedure: 0, without_plan: 0 });
    expect(households.households).toBeGreaterThan(0);
    expect(households.households).toBeLessThanOrEqual(500 - invalid);
  });

  const header = 'reference;nom;prenom;adresse;code_postal;ville;parc;loyer;montant_impaye;date_premier_impaye';
  const row = (ref: string, lastName: string) => `${ref};${lastName};Test;1 rue A;93200;Saint-Denis;social;500;1000;2026-01-05`;
  const lastNamesOf = async (prefix: string) => {
    const payloads: Array<{ payload: Record<string, unknown> }> = await stack.db.query(
      `SELECT payload FROM partner_submission WHERE kind = 'alert' AND payload->>'partnerRef' LIKE $1`,
      [`${prefix}-%`],
    );
    return payloads
      .map((p) => openDocument<{ tenant: { lastName: string } }>(p.payload, 'partner_submission.payload').tenant.lastName)
      .sort();
  };
  const importErrors = async (id: string) =>
    (await landlord.get<Array<{ line: number; field: string; reason: string }>>(`/v1/alerts/imports/${id}/errors`)).body;

  it('counts every line: a quote inside a field is read as written, an unclosed quote refuses its line only, once', async () => {
    const lines = [header, row('Q-1', 'Le "Grand"'), row('Q-2', 'Dupont'), row('Q-3', '"Jamais fermé'), row('Q-4', 'Martin')];
    const response = await upload(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as Status;
    expect(await finished(accepted.importId)).toMatchObject({
      status: 'completed',
      rowsTotal: 4,
      rowsDone: 4,
      rowsInvalid: 1,
      alertsCreated: 3,
      alertsReplayed: 0,
    });
    expect(await importErrors(accepted.importId)).toEqual([
      { line: 4, field: '(ligne)', reason: 'ligne illisible (guillemet ouvert jamais fermé) : elle est ignorée' },
    ]);
    expect(await lastNamesOf('Q')).toEqual(['Dupont', 'Le "Grand"', 'Martin']);
  });

  it('refuses a row with a NUL in a cell, naming the column, as the JSON API does, and writes nothing for it', async () => {
    const lines = [header, row('N-1', 'Nul\0l'), row('N-2', 'Durand')];
    const response = await upload(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    const accepted = (await response.json()) as Status;
    expect(await finished(accepted.importId)).toMatchObject({ status: 'completed', rowsTotal: 2, rowsInvalid: 1, alertsCreated: 1 });
    expect(await importErrors(accepted.importId)).toEqual([
      { line: 2, field: 'nom', reason: expect.stringContaining('caractère de contrôle') },
    ]);
    expect(await lastNamesOf('N')).toEqual(['Durand']);
  });

  it('refuses a row outside the landlord’s départements as POST /v1/alerts does: listed in the errors, not counted, nothing stored', async () => {
    const grenoble = row('T-2', 'Girard').replace('93200;Saint-Denis', '38000;Grenoble');
    const lines = [header, row('T-1', 'Petit'), grenoble, row('T-3', 'Roux')];
    const response = await upload(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    const accepted = (await response.json()) as Status;
    const done = await finished(accepted.importId);
    expect(done).toMatchObject({ status: 'completed', rowsTotal: 3, rowsInvalid: 1, alertsCreated: 2 });
    // The API's answer for the same alert, and its sentence.
    const api = await landlord.post<{ message: string }>('/v1/alerts', {
      partnerRef: 'T-2-API',
      tenant: { lastName: 'Girard', firstName: 'Test' },
      address: { street: '1 rue A', postalCode: '38000', city: 'Grenoble' },
      lease: { housingSector: 'social', monthlyRent: 500 },
      arrears: { amount: 1000, firstUnpaidOn: '2026-01-05' },
    });
    expect(api.status).toBe(404);
    expect(await importErrors(accepted.importId)).toEqual([{ line: 3, field: 'code_postal', reason: api.body.message }]);
    expect(await lastNamesOf('T')).toEqual(['Petit', 'Roux']);
    const processed = await eventually(
      async () => {
        const s = (await landlord.get<Status>(`/v1/alerts/imports/${accepted.importId}`)).body;
        return s.alertsWaiting === 0 ? s : undefined;
      },
      30_000,
      'the rows processed',
    );
    expect(processed.alertsProcessed).toBe(2);
  });

  it('refuses a row whose name hides a control of the direction of text, as the JSON API does', async () => {
    // "Martin" followed by an override: the rest of the line would read right to left in a letter.
    const lines = [header, row('B-1', 'Martin\u202Enivas'), row('B-2', 'Bernard')];
    const response = await upload(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    const accepted = (await response.json()) as Status;
    expect(await finished(accepted.importId)).toMatchObject({ status: 'completed', rowsTotal: 2, rowsInvalid: 1, alertsCreated: 1 });
    expect(await importErrors(accepted.importId)).toEqual([{ line: 2, field: 'nom', reason: expect.stringContaining('sens de lecture') }]);
    expect(await lastNamesOf('B')).toEqual(['Bernard']);
  });

  it('refuses at once a file whose header lacks a column, naming it, and stores nothing', async () => {
    const response = await upload(Buffer.from('reference;nom\r\nA-1;Martin\r\n'));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ field: string; message: string }> };
    expect(body.errors.map((e) => e.field)).toContain('code_postal');
    const [{ count }] = await stack.db.query(`SELECT count(*)::int AS count FROM bulk_import WHERE byte_size < 40`);
    expect(count).toBe(0);
  });

  it('keeps uploads to landlords, and each landlord’s imports to itself', async () => {
    expect((await upload(Buffer.from('a;b\n'), stack.keys['caf-93'])).status).toBe(403);
    expect((await upload(Buffer.from('{}'), stack.keys['bailleur-93'], 'application/json')).status).toBe(415);
    const mine = (await landlord.get<Status[]>('/v1/alerts/imports')).body;
    const other = new TestClient(stack.baseUrl, stack.keys.operateur);
    expect((await other.get(`/v1/alerts/imports/${mine[0].importId}`)).status).toBe(404);
    expect((await other.get(`/v1/alerts/imports/${mine[0].importId}/errors`)).status).toBe(404);
  });
});
