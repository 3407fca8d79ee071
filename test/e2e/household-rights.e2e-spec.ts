import { blindIndex, openJson, openValue } from '@unisson/crypto';
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { eventually } from '../support/free-port';
import { householdOfAlert, TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(120_000);

describe('what each partner sees of a household, and the household’s rights', () => {
  let stack: UnissonStack;
  let landlord: TestClient;
  let householdId: string;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_rights');
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    householdId = await householdOfAlert(
      landlord,
      {
        partnerRef: 'HS93-RIGHTS-1',
        tenant: { lastName: 'Okonkwo', firstName: 'Ada' },
        address: { street: '5 rue Ambroise Croizat', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 11 22 33 44', email: 'ada.okonkwo@example.org' },
        lease: { housingSector: 'social', monthlyRent: 600 },
        arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
      },
      30_000,
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps the household’s personal data sealed at rest: read directly, no table shows a name, phone, e-mail or address', async () => {
    await eventually(
      async () =>
        (await stack.db.query(`SELECT 1 FROM outbound_message WHERE household_id = $1`, [householdId])).length ? true : undefined,
      30_000,
      'a message',
    );
    const tables = [
      'partner_record',
      'linkage_record',
      'linkage_block_key',
      'partner_submission',
      'outbound_message',
      'task',
      'letter_print_item',
    ];
    const dump = JSON.stringify(await Promise.all(tables.map((t) => stack.db.query(`SELECT * FROM ${t}`)))).toLowerCase();
    for (const clear of ['okonkwo', 'ada.okonkwo', '611223344', '06 11 22 33 44', 'ambroise croizat', 'ambroise', 'croizat']) {
      expect(dump).not.toContain(clear);
    }
    // Yet the owners open them: the shared view of the next test shows the phone from these rows.
  });

  it('shows each partner kind the fields of its sharing agreement, and nothing to who may not see', async () => {
    const dept = await new TestClient(stack.baseUrl, stack.keys['departement-93']).get<{ fields: string[]; view: Record<string, unknown> }>(
      `/v1/households/${householdId}/shared-view`,
    );
    expect(dept.status).toBe(200);
    expect(dept.body.view).toMatchObject({ stage: 'premier_impaye', debtAmount: 1200, phone: '+33611223344' });
    expect(dept.body.view).not.toHaveProperty('email');
    expect(dept.body.view).not.toHaveProperty('identity');
    // The operator's key holds no record and is no coordinating organisation: 404, as for an unknown id.
    const other = new TestClient(stack.baseUrl, stack.keys.operateur);
    const hidden = await other.get(`/v1/households/${householdId}/shared-view`);
    const unknown = await other.get(`/v1/households/00000000-0000-4000-8000-000000000000/shared-view`);
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((hidden.body as { message: string }).message).toBe(
      (unknown.body as { message: string }).message.replace('00000000-0000-4000-8000-000000000000', householdId),
    );
    const audited = await stack.db.query(
      `SELECT actor_type, outcome FROM audit_entry WHERE household_id = $1 AND action = 'household.shared_view.read' ORDER BY id`,
      [householdId],
    );
    expect(audited.map((a: { outcome: string }) => a.outcome)).toEqual(['success', 'not_found']);
  });

  it('exports everything to the admin (messages and who read the data included) and only its own to a partner', async () => {
    const admin = new TestClient(stack.baseUrl);
    await admin.signIn('admin@unisson.local', DEMO_PASSWORD);
    await eventually(
      async () =>
        (await stack.db.query(`SELECT 1 FROM outbound_message WHERE household_id = $1`, [householdId])).length ? true : undefined,
      30_000,
      'a message',
    );
    const full = await admin.get<{ records: unknown[]; messages: unknown[]; accessLog: Array<{ action: string }>; intents: unknown[] }>(
      `/v1/households/${householdId}/export`,
    );
    expect(full.status).toBe(200);
    expect(full.body.records).toHaveLength(1);
    expect(full.body.messages.length).toBeGreaterThan(0);
    expect(full.body.intents.length).toBeGreaterThan(0);
    expect(full.body.accessLog.map((e) => e.action)).toContain('household.shared_view.read');
    const own = await landlord.get<{ records: Array<{ partnerRef: string }>; sharedView: unknown; messages?: unknown }>(
      `/v1/households/${householdId}/export`,
    );
    expect(own.status).toBe(200);
    expect(own.body.records.map((r) => r.partnerRef)).toEqual(['HS93-RIGHTS-1']);
    expect(own.body.messages).toBeUndefined();
    expect((await new TestClient(stack.baseUrl, stack.keys['departement-93']).get(`/v1/households/${householdId}/export`)).status).toBe(
      403,
    );
  });

  it('corrects the phone: the record, household matching and the plan follow, and the entry names the field only', async () => {
    const corrected = await landlord.request('PATCH', `/v1/households/${householdId}/contacts`, { phone: '07 55 66 77 88' });
    expect(corrected.status).toBe(200);
    const [record] = await stack.db.query(`SELECT phone, phone_index FROM partner_record WHERE household_id = $1`, [householdId]);
    expect(record.phone).not.toContain('55667788');
    expect(openValue(record.phone, 'partner_record.phone')).toBe('+33755667788');
    const [linked] = await stack.db.query(
      `SELECT normalised FROM linkage_record WHERE record_id = (SELECT id::text FROM partner_record WHERE household_id = $1)`,
      [householdId],
    );
    expect(linked.normalised).not.toContain('55667788');
    expect(JSON.stringify(openJson(linked.normalised, 'linkage_record.normalised'))).toContain('33755667788');
    // An SMS from the corrected number finds the household (blind index updated with the phone); the old number no longer does.
    const [{ byNew }] = await stack.db.query(
      `SELECT count(*)::int AS "byNew" FROM partner_record WHERE household_id = $1 AND phone_index = $2`,
      [householdId, blindIndex('phone', '+33755667788')],
    );
    expect(byNew).toBe(1);
    const [{ byOld }] = await stack.db.query(`SELECT count(*)::int AS "byOld" FROM partner_record WHERE phone_index = $1`, [
      blindIndex('phone', '+33611223344'),
    ]);
    expect(byOld).toBe(0);
    const [entry] = await stack.db.query(
      `SELECT fields FROM audit_entry WHERE action = 'household.contacts.correct' AND household_id = $1`,
      [householdId],
    );
    expect(entry.fields).toEqual(['phone']);
    expect(JSON.stringify(await stack.db.query(`SELECT * FROM audit_entry`))).not.toContain('55667788');
    expect((await landlord.request('PATCH', `/v1/households/${householdId}/contacts`, { phone: '12' })).status).toBe(400);
  });

  it('records an objection to SMS for every partner at once: no SMS stays in the plan', async () => {
    const answer = await landlord.post(`/v1/households/${householdId}/opt-outs`, { channel: 'sms' });
    expect(answer.status).toBe(200);
    const plan = await landlord.get<{ contacts: Array<{ channel: string; status: string }> }>(`/v1/households/${householdId}/plan`);
    expect(plan.body.contacts.filter((c) => c.channel === 'sms' && c.status === 'planned')).toEqual([]);
    const dept = await new TestClient(stack.baseUrl, stack.keys['departement-93']).get<{ view: { optOuts: string[] } }>(
      `/v1/households/${householdId}/shared-view`,
    );
    expect(dept.body.view.optOuts).toEqual(['sms']);
    expect((await landlord.post(`/v1/households/${householdId}/opt-outs`, { channel: 'pigeon' })).status).toBe(400);
  });
});
