/**
 * The demo's experiment, end to end: an analyst declares two variants of the first-arrears SMS,
 * landlord alerts reach households who get one variant or the other (or the default, in the
 * holdout), and simulated households answer with known rates (reported by the landlord as a
 * repayment plan agreed, through the outcomes API). The experiment is then stopped (the 50,000
 * households of the demo's upload get the default wording) and its result is on /analyse.
 */
import type { DataSource } from 'typeorm';

export const DEMO_EXPERIMENT_KEY = 'demo-sms-premier-impaye';
/** The true response rates the simulation draws from: the analyst should see B ahead. */
export const DEMO_TRUE_RATES: Record<string, number> = { A: 0.16, B: 0.3, holdout: 0.16 };

const FIRST = ['Awa', 'Karim', 'Sofia', 'Lucas', 'Inès', 'Yanis', 'Chloé', 'Moussa', 'Léa', 'Rayan', 'Fatou', 'Hugo'];
const LAST = ['Diallo', 'Martin', 'Benali', 'Nguyen', 'Traoré', 'Moreau', 'Haddad', 'Petit', 'Garcia', 'Roux', 'Camara', 'Lefèvre'];
const STREETS = [
  'rue Gabriel Péri',
  'avenue Jean Jaurès',
  'rue du Landy',
  'rue de la République',
  'allée des Tilleuls',
  'boulevard Anatole France',
];
const CITIES: Array<[string, string]> = [
  ['93200', 'Saint-Denis'],
  ['93100', 'Montreuil'],
  ['93000', 'Bobigny'],
  ['93140', 'Bondy'],
  ['93300', 'Aubervilliers'],
];

interface Session {
  headers: Record<string, string>;
}

async function signIn(baseUrl: string, email: string, password: string): Promise<Session | null> {
  const answer = await fetch(`${baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!answer.ok) return null;
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  return {
    headers: {
      'content-type': 'application/json',
      cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': csrfToken,
    },
  };
}

/** Seeded, so each demo draws the same answers. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runDemoExperiment(
  baseUrl: string,
  db: DataSource,
  landlordKey: string,
  analyst: { email: string; password: string },
  households = 400,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<{ experimentId: string; households: number; responses: number } | null> {
  const session = await signIn(baseUrl, analyst.email, analyst.password);
  if (!session) return null;
  const declared = await fetch(`${baseUrl}/v1/experiments`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify({
      key: DEMO_EXPERIMENT_KEY,
      name: 'SMS du premier impayé : rassurant avec pictogrammes (A) ou neutre sans pictogrammes (B)',
      territory: '93',
      stage: 'premier_impaye',
      purpose: 'rappelImpaye',
      channel: 'sms',
      arms: [
        { name: 'A', variant: 'reassuring.short.picto', weight: 1 },
        { name: 'B', variant: 'neutral.short.plain', weight: 1 },
      ],
      holdoutShare: 0.1,
      primaryResponseKinds: ['repayment_plan_agreed', 'sms_replied', 'callback_requested', 'link_visited'],
      responseWindowDays: 14,
      baselineRate: 0.16,
      minimumDetectableEffect: 0.12,
    }),
  });
  let experimentId: string;
  if (declared.ok) experimentId = ((await declared.json()) as { id: string }).id;
  else {
    const list = (await (await fetch(`${baseUrl}/v1/experiments`, { headers: session.headers })).json()) as Array<{
      id: string;
      key: string;
    }>;
    const existing = list.find((e) => e.key === DEMO_EXPERIMENT_KEY);
    if (!existing) return null;
    experimentId = existing.id;
  }
  log(`  Expérience déclarée ; ${households} alertes de premier impayé envoyées par le bailleur…`);
  const stamp = Date.now().toString(36);
  const post = async (i: number) => {
    const [postalCode, city] = CITIES[i % CITIES.length]!;
    await politeFetch(`${baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${landlordKey}`, 'idempotency-key': `demo-exp-${stamp}-${i}` },
      body: JSON.stringify({
        partnerRef: `HS93-EXP-${stamp}-${i}`,
        tenant: { lastName: LAST[i % LAST.length], firstName: `${FIRST[Math.floor(i / LAST.length) % FIRST.length]}` },
        address: { street: `${1 + (i % 180)} ${STREETS[Math.floor(i / 180) % STREETS.length]}`, postalCode, city },
        contacts: { phone: `+3376${String(1000000 + i * 7 + (Date.now() % 1000)).slice(-7)}` },
        lease: { housingSector: i % 3 === 0 ? 'prive' : 'social', monthlyRent: 450 + (i % 9) * 40 },
        arrears: { amount: 600 + (i % 25) * 60, firstUnpaidOn: '2026-10-05' },
      }),
    }).then((response) => {
      if (!response.ok) throw new Error(`alerte de démo ${i} refusée : HTTP ${response.status}`);
    });
  };
  for (let i = 0; i < households; i += 8) await Promise.all(Array.from({ length: Math.min(8, households - i) }, (_, k) => post(i + k)));
  // Wait until the SMS are worded (each household then has its arm).
  const deadline = Date.now() + 180_000;
  let assigned = 0;
  while (Date.now() < deadline) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM experiment_assignment WHERE experiment_id = $1`, [experimentId]);
    assigned = n;
    if (n >= households * 0.95) break;
    log(`  ${n} / ${households} foyers ont reçu leur SMS dans l’expérience…`);
    await new Promise((r) => setTimeout(r, 3000));
  }
  const rows: Array<{ household_id: string; arm: string }> = await db.query(
    `SELECT household_id, arm FROM experiment_assignment WHERE experiment_id = $1 AND responded_at IS NULL ORDER BY household_id`,
    [experimentId],
  );
  const draw = uniform(93);
  let responses = 0;
  for (const r of rows) {
    if (draw() >= (DEMO_TRUE_RATES[r.arm] ?? 0)) continue;
    const answer = await fetch(`${baseUrl}/v1/households/${r.household_id}/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${landlordKey}` },
      body: JSON.stringify({ kind: 'repayment_plan_agreed', occurredAt: new Date().toISOString(), eventId: `demo-plan-${r.household_id}` }),
    });
    if (answer.ok) responses++;
  }
  // Stopped once its households are in: the demo's 50,000-row upload that follows gets the default wording.
  await fetch(`${baseUrl}/v1/experiments/${experimentId}/stop`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify({ reason: 'démonstration : foyers prévus atteints' }),
  });
  return { experimentId, households: assigned, responses };
}

/**
 * A partner's client as the API expects it: on 429 it waits what `Retry-After` says and tries
 * again (the same idempotency key, so nothing is stored twice).
 */
async function politeFetch(url: string, init: RequestInit, attempts = 20): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init);
    if (response.status !== 429 || attempt >= attempts) return response;
    const waitSeconds = Number(response.headers.get('retry-after')) || 1;
    await new Promise((r) => setTimeout(r, Math.min(waitSeconds, 10) * 1000));
  }
}
