/**
 * Issue 8 over HTTP, queues and the database: the plan follows what happens to the case, partners
 * change only what they hold, and every département has coordinated plans.
 */
import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(90_000);

interface PlanView {
  stage: string;
  playbookVersion: string;
  contacts: Array<{ key: string; channel: string; purpose: string; legal: boolean; state: string; stateReason: string; status: string }>;
  trace: Array<{ code: string; message: string }>;
}

describe('the plan follows the case', () => {
  let stack: UnissonStack;
  const post = (path: string, body: unknown, key: string, idempotencyKey?: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
  const processed = async (response: Response, key: string) => {
    expect(response.status).toBe(202);
    const { submissionId } = (await response.json()) as { submissionId: string };
    return eventually(
      async () => {
        const r = await fetch(`${stack.baseUrl}/v1/submissions/${submissionId}`, { headers: { authorization: `Bearer ${key}` } });
        const body = (await r.json()) as { status: string; outcome: { householdId: string; stage: string; error?: string } };
        return body.status === 'processed' || body.status === 'rejected' ? body.outcome : undefined;
      },
      15_000,
      'the submission to be processed',
    );
  };
  const plan = async (householdId: string, key: string) => {
    const r = await fetch(`${stack.baseUrl}/v1/households/${householdId}/plan`, { headers: { authorization: `Bearer ${key}` } });
    return { status: r.status, body: (await r.json()) as PlanView };
  };
  const planWhere = (householdId: string, key: string, ready: (p: PlanView) => boolean, what: string) =>
    eventually(
      async () => {
        const found = await plan(householdId, key);
        return found.status === 200 && ready(found.body) ? found.body : undefined;
      },
      15_000,
      what,
    );
  const alert = (partnerRef: string, lastName: string, street: string, postalCode = '93200', city = 'Saint-Denis') => ({
    partnerRef,
    tenant: { lastName, firstName: 'Inès' },
    address: { street, postalCode, city },
    contacts: { phone: '06 55 44 33 22', email: `${partnerRef.toLowerCase()}@example.org` },
    lease: { housingSector: 'social', monthlyRent: 600, signedOn: '2024-02-01' },
    arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
  });
  const count = async (table: string) => Number((await stack.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_case');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a partner changes only what it holds: a landlord of Isère cannot close a Seine-Saint-Denis procedure, nor learn the tenant exists', async () => {
    const landlord93 = stack.keys['bailleur-93'];
    const { householdId } = await processed(
      await post('/v1/alerts', alert('HS93-CASE-1', 'Benhamou', '14 rue du Port'), landlord93, 'case-alert-1'),
      landlord93,
    );
    await planWhere(householdId, landlord93, (p) => p.contacts.some((c) => c.state === 'planned'), 'the first plan');
    const submissionsBefore = await count('partner_submission');
    const isere = stack.keys['bailleur-38'];
    const cleared = (body: Record<string, unknown>) =>
      post('/v1/stage-events', { type: 'dette_soldee', occurredOn: '2026-11-30', ...body }, isere);
    const byRef = await cleared({ partnerRef: 'HS93-CASE-1' });
    const byIdentity = await cleared({
      partnerRef: 'ISERE-77',
      tenant: { lastName: 'Benhamou', firstName: 'Inès' },
      address: { street: '14 rue du Port', postalCode: '93200', city: 'Saint-Denis' },
    });
    const nobody = await cleared({
      partnerRef: 'ISERE-78',
      tenant: { lastName: 'Personne', firstName: 'Nul' },
      address: { street: '1 rue Inconnue', postalCode: '93200', city: 'Saint-Denis' },
    });
    const intent = await post('/v1/intents', { partnerRef: 'HS93-CASE-1', purpose: 'rappelImpaye' }, isere);
    const bodies = await Promise.all(
      [byRef, byIdentity, nobody, intent].map(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
    );
    for (const { status, body } of bodies) {
      expect(status).toBe(404);
      expect(body.code).toBe('NOT_FOUND');
    }
    // The same answer whether the tenant exists or not: nothing revealed.
    expect(bodies[1].body.message).toBe(bodies[2].body.message);
    expect(await count('partner_submission')).toBe(submissionsBefore);
    const [procedure] = await stack.db.query(`SELECT closed_at FROM procedure WHERE household_id = $1`, [householdId]);
    expect(procedure.closed_at).toBeNull();
    expect((await plan(householdId, isere)).status).toBe(404);
  });

  it('a second landlord of Seine-Saint-Denis naming the same tenant does not rewrite the debt the procedure’s landlord stated', async () => {
    // A second social landlord of 93, with its own key, as an admin sets one up.
    const admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
    const partner = await admin.post<{ id: string }>('/v1/admin/partners', {
      slug: 'logis-plaine-93',
      name: 'Logis de la Plaine',
      kind: 'bailleur_social',
      territories: ['93'],
    });
    expect(partner.status).toBe(201);
    const issued = await admin.post<{ token: string }>(`/v1/admin/partners/${partner.body.id}/keys`, {
      label: 'Logiciel de gestion locative',
      scopes: ['alerts:write'],
    });
    expect(issued.status).toBe(201);
    const otherLandlord = issued.body.token;

    const landlord = stack.keys['bailleur-93'];
    const first = alert('HS93-CASE-DEBT', 'Mbappé', '27 rue de la République');
    const { householdId } = await processed(await post('/v1/alerts', first, landlord, 'case-debt-1'), landlord);
    const department = stack.keys['departement-93'];
    const debtShown = async () => {
      const r = await fetch(`${stack.baseUrl}/v1/households/${householdId}/shared-view`, {
        headers: { authorization: `Bearer ${department}` },
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { view: { debtAmount: number | null } }).view.debtAmount;
    };
    expect(await debtShown()).toBe(1200);

    // The same tenant, flat and contacts, in the other landlord's records, with its own (much larger) figures.
    const second = await processed(
      await post(
        '/v1/alerts',
        {
          ...first,
          partnerRef: 'LP93-0042',
          lease: { housingSector: 'social', monthlyRent: 950, signedOn: '2021-06-01' },
          arrears: { amount: 8700, firstUnpaidOn: '2026-09-01' },
        },
        otherLandlord,
        'case-debt-2',
      ),
      otherLandlord,
    );
    expect(second.householdId).toBe(householdId);
    expect(await debtShown()).toBe(1200);
    const [procedure] = await stack.db.query(`SELECT debt_cents, monthly_rent_cents FROM procedure WHERE household_id = $1`, [householdId]);
    expect(procedure).toEqual({ debt_cents: 120000, monthly_rent_cents: 60000 });

    // The procedure's own landlord still updates it.
    await processed(
      await post('/v1/alerts', { ...first, arrears: { amount: 1800, firstUnpaidOn: '2026-10-05' } }, landlord, 'case-debt-3'),
      landlord,
    );
    expect(await debtShown()).toBe(1800);
  });

  it('a partner working on several départements reports households in every one of them, not only its first', async () => {
    const admin = new TestClient(stack.baseUrl);
    expect((await admin.signIn('admin@unisson.local', DEMO_PASSWORD)).status).toBe(201);
    const keyOf = async (slug: string, kind: string, territories: string[], scopes: string[]) => {
      const partner = await admin.post<{ id: string }>('/v1/admin/partners', { slug, name: slug, kind, territories });
      expect(partner.status).toBe(201);
      const issued = await admin.post<{ token: string }>(`/v1/admin/partners/${partner.body.id}/keys`, { label: 'Logiciel', scopes });
      expect(issued.status).toBe(201);
      return issued.body.token;
    };
    const landlord = await keyOf(
      'bailleur-multi',
      'bailleur_social',
      ['57', '67', '68', '971', '972', '973', '974', '976', '2A', '2B', '13'],
      ['alerts:write', 'events:write', 'plans:read'],
    );
    const commissaire = await keyOf('commissaire-multi', 'commissaire_de_justice', ['93', '976'], ['events:write', 'plans:read']);
    const homes = [
      ['MULTI-57', 'Schmitt', '2 rue Serpenoise', '57000', 'Metz'],
      ['MULTI-976', 'Soilihi', '5 rue du Commerce', '97600', 'Mamoudzou'],
      ['MULTI-2A', 'Casanova', '8 cours Napoléon', '20000', 'Ajaccio'],
      ['MULTI-13', 'Martinez', '30 rue de la République', '13001', 'Marseille'],
    ] as const;
    const households: Record<string, string> = {};
    for (const [ref, lastName, street, postalCode, city] of homes) {
      const outcome = await processed(
        await post('/v1/alerts', alert(ref, lastName, street, postalCode, city), landlord, `multi-${ref}`),
        landlord,
      );
      expect({ ref, error: outcome.error }).toEqual({ ref, error: undefined });
      households[ref] = outcome.householdId;
      await planWhere(outcome.householdId, landlord, (p) => p.contacts.length > 0, `the plan of ${ref}`);
    }
    // Its commandement de payer in Mayotte, its second territory, reaches the landlord's household.
    const cdp = await processed(
      await post(
        '/v1/stage-events',
        {
          partnerRef: 'CJ-976-1',
          type: 'commandement_de_payer',
          occurredOn: '2026-11-16',
          tenant: { lastName: 'Soilihi', firstName: 'Inès' },
          address: { street: '5 rue du Commerce', postalCode: '97600', city: 'Mamoudzou' },
        },
        commissaire,
        'multi-cdp-976',
      ),
      commissaire,
    );
    expect(cdp.error).toBeUndefined();
    expect(cdp.householdId).toBe(households['MULTI-976']);
    expect(cdp.stage).toBe('commandement_de_payer');
    // Outside its territories, the answer is every 404's: nothing about what exists, nothing stored.
    const outside = await post('/v1/alerts', alert('MULTI-75', 'Lambert', '18 rue des Envierges', '75020', 'Paris'), landlord);
    const unknown = await fetch(`${stack.baseUrl}/v1/submissions/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${landlord}` },
    });
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { message: string }).message).toBe(((await unknown.json()) as { message: string }).message);
  });

  it('the landlord that sent the alert keeps seeing the plan once the commandement de payer is served, dated from the act', async () => {
    const landlord = stack.keys['bailleur-93'];
    const { householdId } = await processed(
      await post('/v1/alerts', alert('HS93-CASE-2', 'Kaya', '3 place du Caquet'), landlord, 'case-alert-2'),
      landlord,
    );
    const commissaire = stack.keys['commissaire-93'];
    const cdp = await processed(
      await post(
        '/v1/stage-events',
        {
          partnerRef: 'CJ-2026-118',
          type: 'commandement_de_payer',
          occurredOn: '2026-11-16',
          tenant: { lastName: 'Kaya', firstName: 'Inès' },
          address: { street: '3 place du Caquet', postalCode: '93200', city: 'Saint-Denis' },
        },
        commissaire,
        'case-cdp-2',
      ),
      commissaire,
    );
    expect(cdp.householdId).toBe(householdId);
    expect(cdp.stage).toBe('commandement_de_payer');
    const shown = await planWhere(householdId, landlord, (p) => p.stage === 'commandement_de_payer', 'the commandement plan');
    const prefecture = (await stack.db.query(`SELECT id FROM partner WHERE slug = 'prefecture-93'`))[0].id as string;
    const stateLetter = shown.contacts.find((c) => c.purpose === 'lettrePreventionCcapex' && c.channel === 'letter');
    expect(stateLetter).toBeDefined();
    expect((shown.contacts as Array<{ leadPartnerId?: string }>).some((c) => c.leadPartnerId === prefecture)).toBe(true);
    // The landlord's own first-stage contacts are no longer planned, and say why.
    const earlier = shown.contacts.filter((c) => c.key.includes('premier_impaye'));
    expect(earlier.every((c) => c.state !== 'planned')).toBe(true);
    // 16 November + 6 weeks (lease of 2024) = 28 December, whenever Unisson learned of it.
    expect(shown.trace.map((t) => t.message).join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const [row] = await stack.db.query(
      `SELECT not_after FROM planned_contact WHERE household_id = $1 AND purpose = 'lettrePreventionCcapex' AND channel = 'letter'`,
      [householdId],
    );
    expect(new Date(row.not_after).toISOString().slice(0, 10)).toBe('2026-12-28');
  });

  it('debt cleared: every pending contact is cancelled and the plan says why, in French', async () => {
    const landlord = stack.keys['bailleur-93'];
    const { householdId } = await processed(
      await post('/v1/alerts', alert('HS93-CASE-3', 'Moreau', '27 rue Brise-Échalas'), landlord, 'case-alert-3'),
      landlord,
    );
    await planWhere(householdId, landlord, (p) => p.contacts.some((c) => c.state === 'planned'), 'the first plan');
    await processed(
      await post(
        '/v1/stage-events',
        { partnerRef: 'HS93-CASE-3', type: 'dette_soldee', occurredOn: '2026-11-30' },
        landlord,
        'case-clear-3',
      ),
      landlord,
    );
    const after = await planWhere(
      householdId,
      landlord,
      (p) => p.contacts.every((c) => c.state !== 'planned'),
      'a plan with nothing planned',
    );
    const cancelled = after.contacts.filter((c) => c.state === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const c of cancelled)
      expect(c.stateReason).toMatch(/la dette est soldée \(signalé par Habitat Solidaire 93, le 30 novembre 2026\)/);
    expect(after.contacts.some((c) => c.state === 'sent' || c.state === 'delivered')).toBe(true);
  });

  it('an alert from Paris gets a plan from the national playbook', async () => {
    const paris = stack.keys['bailleur-75'];
    const { householdId } = await processed(
      await post('/v1/alerts', alert('PH75-CASE-4', 'Lambert', '18 rue des Envierges', '75020', 'Paris'), paris, 'case-alert-4'),
      paris,
    );
    const shown = await planWhere(householdId, paris, (p) => p.contacts.length > 0, 'the Paris plan');
    expect(shown.playbookVersion).not.toContain('+');
    expect(shown.contacts.some((c) => c.purpose === 'rappelImpaye')).toBe(true);
  });

  it('the eviction stage is reachable: during the winter truce the household is told what the truce means', async () => {
    const landlord = stack.keys['bailleur-93'];
    const { householdId } = await processed(
      await post('/v1/alerts', alert('HS93-CASE-5', 'Fontaine', '9 rue Jean Jaurès'), landlord, 'case-alert-5'),
      landlord,
    );
    // The concours de la force publique is the préfet's to grant: its landlord reporting it is refused, naming type, nothing stored.
    const submissionsBefore = await count('partner_submission');
    const byLandlord = await post(
      '/v1/stage-events',
      { partnerRef: 'HS93-CASE-5', type: 'cfp_accorde', occurredOn: '2026-11-25' },
      landlord,
    );
    expect(byLandlord.status).toBe(422);
    const refusal = (await byLandlord.json()) as { message: string; errors: Array<{ field: string; message: string }> };
    expect(refusal.errors.map((e) => e.field)).toEqual(['type']);
    expect(refusal.message).toContain('services de l’État');
    expect(await count('partner_submission')).toBe(submissionsBefore);
    expect((await plan(householdId, landlord)).body.stage).toBe('premier_impaye');
    const prefecture = stack.keys['prefecture-93'];
    const granted = await processed(
      await post(
        '/v1/stage-events',
        {
          partnerRef: 'PREF-CFP-5',
          type: 'cfp_accorde',
          occurredOn: '2026-11-25',
          tenant: { lastName: 'Fontaine', firstName: 'Inès' },
          address: { street: '9 rue Jean Jaurès', postalCode: '93200', city: 'Saint-Denis' },
        },
        prefecture,
        'case-cfp-5',
      ),
      prefecture,
    );
    expect(granted.stage).toBe('expulsion');
    const shown = await planWhere(householdId, landlord, (p) => p.stage === 'expulsion', 'the eviction-stage plan');
    expect(
      shown.contacts.some(
        (c) => (c.purpose === 'informationTreveHivernale' && c.state === 'planned') || c.purpose === 'informationTreveHivernale',
      ),
    ).toBe(true);
    expect(shown.trace.some((t) => t.code === 'deferredWinterTruce' && t.message.includes('1er avril 2027'))).toBe(true);

    // A commissaire de justice naming this tenant learns nothing of her procedure (at the eviction
    // stage, linked to the landlord's household): its answer is the one for a person nobody follows.
    const commissaire = stack.keys['commissaire-93'];
    const cdp = (partnerRef: string, lastName: string, street: string) =>
      post(
        '/v1/stage-events',
        {
          partnerRef,
          type: 'commandement_de_payer',
          occurredOn: '2026-12-02',
          debtAmount: 1500,
          tenant: { lastName, firstName: 'Inès' },
          address: { street, postalCode: '93200', city: 'Saint-Denis' },
        },
        commissaire,
      );
    const known = (await processed(await cdp('CJ-CASE-5', 'Fontaine', '9 rue Jean Jaurès'), commissaire)) as Record<string, unknown>;
    const invented = (await processed(await cdp('CJ-CASE-5B', 'Inventée', '40 rue Gabriel Péri'), commissaire)) as Record<string, unknown>;
    expect(known.householdId).toBe(householdId);
    expect(known).toEqual({ householdId, stage: 'commandement_de_payer' });
    expect(Object.keys(invented).sort()).toEqual(Object.keys(known).sort());
    expect(invented.stage).toBe('commandement_de_payer');
  });
});
