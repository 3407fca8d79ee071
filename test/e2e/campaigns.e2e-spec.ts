import { DEMO_PASSWORD } from '../../scripts/demo-seed';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(180_000);

const STREETS = ['rue Gabriel Péri', 'avenue Jean Jaurès', 'rue du Landy', 'rue de la République', 'allée des Tilleuls', 'rue Paul Éluard'];
const NAMES = ['Martin', 'Bernard', 'Diallo', 'Nguyen', 'Benali', 'Lefèvre', 'Traoré', 'Moreau', 'Haddad', 'Petit', 'Roux', 'Garcia'];

interface CampaignView {
  id: string;
  status: string;
  intentsProduced: number;
  commands: string[];
}

describe('a CAF campaign with four-eyes approval', () => {
  let stack: UnissonStack;
  let author: TestClient;
  let approver: TestClient;

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_campaigns');
    const landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    for (let i = 0; i < 12; i++) {
      const answer = await landlord.post('/v1/alerts', {
        partnerRef: `HS93-CAMP-${i}`,
        tenant: { lastName: NAMES[i], firstName: 'Alex' },
        address: { street: `${10 + i} ${STREETS[i % STREETS.length]}`, postalCode: '93200', city: 'Saint-Denis' },
        contacts: { email: `foyer${i}@example.org` },
        lease: { housingSector: 'social', monthlyRent: 500 },
        arrears: { amount: 1000 + i * 100, firstUnpaidOn: '2026-10-05' },
      });
      expect(answer.status).toBe(202);
    }
    await eventually(
      async () => {
        const [{ count }] = await stack.db.query(`SELECT count(*)::int AS count FROM procedure WHERE stage = 'premier_impaye'`);
        return count >= 12 ? count : undefined;
      },
      60_000,
      'the alerts to be processed',
    );
    author = new TestClient(stack.baseUrl);
    approver = new TestClient(stack.baseUrl);
    expect((await author.signIn('redaction@caf93.demo', DEMO_PASSWORD)).status).toBe(201);
    expect((await approver.signIn('validation@caf93.demo', DEMO_PASSWORD)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('previews counts, hides small ones, and refuses a target outside the CAF’s territory', async () => {
    const all = await author.post<{ households: { count: number | null; label: string } }>('/v1/campaigns/audience-preview', {
      stage: 'premier_impaye',
      territory: '93',
    });
    expect(all.status).toBe(200);
    // 12 households, published rounded to a multiple of 5 (decision 0035), the same figure each time.
    expect([10, 15]).toContain(all.body.households.count);
    const again = await author.post('/v1/campaigns/audience-preview', { stage: 'premier_impaye', territory: '93' });
    expect(again.body).toEqual(all.body);
    const few = await author.post<{ households: { count: number | null; label: string } }>('/v1/campaigns/audience-preview', {
      stage: 'premier_impaye',
      territory: '93',
      debtMin: 2000,
    });
    expect(few.body.households).toEqual({ count: null, label: 'moins de 10' });
    expect((await author.post('/v1/campaigns/audience-preview', { stage: 'premier_impaye', territory: '38' })).status).toBe(404);
    // The tester's subtraction: total minus the shown groups must not give the hidden ones.
    const split = await author.post<{ households: { count: number | null }; byGroup: Array<{ key: string; count: number | null }> }>(
      '/v1/campaigns/audience-preview',
      { stage: 'premier_impaye', territory: '93', debtMin: 1000 },
    );
    for (const g of split.body.byGroup) expect(g.count === null || g.count % 5 === 0).toBe(true);
    const hiddenGroups = split.body.byGroup.filter((g) => g.count === null);
    const visible = split.body.byGroup.reduce((s, g) => s + (g.count ?? 0), 0);
    if (hiddenGroups.length > 0 && split.body.households.count !== null) {
      // What is left is a multiple of 5, or the hidden groups hold 10 households or more together: never the small group's size.
      expect(Math.abs(split.body.households.count - visible) % 5).toBe(0);
    }
    const landlordStaff = new TestClient(stack.baseUrl);
    await landlordStaff.signIn('gestion@habitat93.demo', DEMO_PASSWORD);
    expect((await landlordStaff.post('/v1/campaigns/audience-preview', { stage: 'premier_impaye', territory: '93' })).status).toBe(403);
  });

  it('goes draft → approval by another person → launch → intents merged by the engine, with results', async () => {
    const created = await author.post<CampaignView>('/v1/campaigns', {
      name: 'Offre d’accompagnement CAF — premiers impayés',
      purpose: 'offreTravailleurSocialBailleur',
      target: { stage: 'premier_impaye', territory: '93' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await author.post(`/v1/campaigns/${id}/launch`)).status).toBe(409); // not approved
    expect((await author.post<CampaignView>(`/v1/campaigns/${id}/submit`)).body.status).toBe('pending_approval');
    const selfApproval = await author.post<{ message: string }>(`/v1/campaigns/${id}/approve`);
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.message).toMatch(/quatre yeux/);
    expect((await new TestClient(stack.baseUrl, stack.keys['caf-93']).post(`/v1/campaigns/${id}/approve`)).status).toBe(403);
    const approved = await approver.post<CampaignView>(`/v1/campaigns/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await approver.post<CampaignView>(`/v1/campaigns/${id}/launch`)).body.status).toBe('scheduled');

    const done = await eventually(
      async () => {
        const c = (await author.get<CampaignView>(`/v1/campaigns/${id}`)).body;
        return c.status === 'completed' ? c : undefined;
      },
      60_000,
      'the campaign to complete',
    );
    expect(done.intentsProduced).toBe(12);
    const intents = await stack.db.query(`SELECT count(*)::int AS count FROM contact_intent WHERE idempotency_key LIKE $1`, [
      `campaign:${id}:%`,
    ]);
    expect(intents[0].count).toBe(12);
    const results = await author.get<{ intentsProduced: number; households: { count: number }; contactsPlanned: { count: number } }>(
      `/v1/campaigns/${id}/results`,
    );
    expect([10, 15]).toContain(results.body.households.count);
    expect(results.body.contactsPlanned.count).toBeGreaterThan(0);
    // A relaunch is impossible once completed, and the same households never get a second intent.
    expect((await approver.post(`/v1/campaigns/${id}/launch`)).status).toBe(409);
    const audit = await stack.db.query(`SELECT action, actor_type FROM audit_entry WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['campaign.create', 'campaign.submit', 'campaign.approve', 'campaign.launch', 'campaign.complete']),
    );
  });

  it('shows the approval button to the colleague only, and approves through the page’s form', async () => {
    const created = await author.post<CampaignView>('/v1/campaigns', {
      name: 'Campagne à approuver depuis la page',
      purpose: 'offreTravailleurSocialBailleur',
      target: { stage: 'premier_impaye', territory: '93', housingSector: 'social' },
    });
    await author.post(`/v1/campaigns/${created.body.id}/submit`);
    const authorPage = await author.get(`/campagnes/${created.body.id}`);
    expect(authorPage.text).toContain('une autre personne de votre organisation doit approuver');
    expect(authorPage.text).not.toContain('value="approve"');
    const approverPage = await approver.get(`/campagnes/${created.body.id}`);
    expect(approverPage.text).toContain('value="approve"');
    expect(approverPage.text).toContain('foyers (les nombres sous 10 sont masqués, les autres arrondis à 5)');
    const form = new URLSearchParams({ _csrf: approver.csrfToken!, command: 'approve' });
    const posted = await approver.request('POST', `/campagnes/${created.body.id}/action`, form, { 'x-csrf-token': '' });
    expect(posted.status).toBe(303);
    expect(decodeURIComponent(posted.headers.get('location') ?? '')).toContain('Approuvée');
    const forged = await approver.request('POST', `/campagnes/${created.body.id}/action`, new URLSearchParams({ command: 'cancel' }), {
      'x-csrf-token': '',
    });
    expect(forged.status).toBe(403);
    expect((await author.get<CampaignView>(`/v1/campaigns/${created.body.id}`)).body.status).toBe('approved');
  });

  it('keeps campaigns to their organisation', async () => {
    const [{ id }] = await stack.db.query(`SELECT id FROM campaign LIMIT 1`);
    const dept = new TestClient(stack.baseUrl, stack.keys['departement-93']);
    expect((await dept.get(`/v1/campaigns/${id}`)).status).toBe(403); // no campaigns:write scope
    const landlordStaff = new TestClient(stack.baseUrl);
    await landlordStaff.signIn('gestion@habitat93.demo', DEMO_PASSWORD);
    expect((await landlordStaff.get(`/v1/campaigns/${id}`)).status).toBe(404);
  });
});
