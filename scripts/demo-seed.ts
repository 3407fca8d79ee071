/**
 * Demo data for `npm start`: partners of Seine-Saint-Denis with API keys, then a few
 * first-arrears alerts posted over HTTP like a landlord's system would.
 */
import 'reflect-metadata';
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DataSource, In } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@unisson/config';
import { CoordinationRepository, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdsRepository, PartnerRecord } from '@unisson/households';
import { TaskCreation, TasksRepository } from '@unisson/tasks';
import { DEFAULT_VARIANT, TemplateLibrary } from '@unisson/templates';
import { dataSourceOptions } from '@unisson/database';
import { generateAlertRows } from '../libs/bulk-import/src/cli/alert-file-generator';
import { runDemoExperiment } from './demo-experiment';
import { unissonSchema } from '@unisson/database/schema';
import { IssuedLink, ResponseLinks, ResponseLinksRepository } from '@unisson/response-page';
import { addressBlock } from '@unisson/letters';
import type { Role } from '@unisson/access';
import {
  Account,
  API_SCOPES,
  ApiScope,
  generateApiKey,
  hashPassword,
  Partner,
  PartnerApiKey,
  PartnerKind,
  PartnersRepository,
  SharingAgreement,
} from '@unisson/partners';

/** The demo's coordination calendar starts on a Tuesday at 10:30 in Paris, inside sending hours. */
export const DEMO_CLOCK_START = '2026-12-01T10:30:00+01:00';

const DEMO_PARTNERS: Array<{
  slug: string;
  name: string;
  kind: PartnerKind;
  territory: string;
  publicPhone: string;
  replyToEmail?: string;
  scopes: ApiScope[];
}> = [
  {
    slug: 'bailleur-93',
    name: 'Habitat Solidaire 93',
    kind: 'bailleur_social',
    territory: '93',
    publicPhone: '+33148000001',
    replyToEmail: 'accompagnement@habitat-solidaire-93.example',
    scopes: ['alerts:write', 'events:write', 'plans:read', 'intents:write', 'households:rights', 'webhooks:manage'],
  },
  {
    slug: 'caf-93',
    name: 'CAF de la Seine-Saint-Denis',
    kind: 'caf',
    territory: '93',
    publicPhone: '+33969322030',
    scopes: ['events:write', 'plans:read', 'intents:write', 'campaigns:write'],
  },
  {
    slug: 'departement-93',
    name: 'Département de la Seine-Saint-Denis',
    kind: 'departement',
    territory: '93',
    publicPhone: '+33143939393',
    scopes: ['events:write', 'plans:read', 'intents:write', 'households:read', 'tasks:work', 'calls:write'],
  },
  {
    slug: 'adil-93',
    name: 'ADIL de la Seine-Saint-Denis',
    kind: 'adil',
    territory: '93',
    publicPhone: '+33148300000',
    scopes: ['plans:read', 'intents:write'],
  },
  {
    slug: 'commissaire-93',
    name: 'Étude de commissaires de justice de Bobigny',
    kind: 'commissaire_de_justice',
    territory: '93',
    publicPhone: '+33148000004',
    scopes: ['events:write'],
  },
  {
    slug: 'prefecture-93',
    name: 'Préfecture de la Seine-Saint-Denis',
    kind: 'etat',
    territory: '93',
    publicPhone: '+33141600000',
    scopes: ['events:write', 'plans:read', 'intents:write'],
  },
  {
    slug: 'bailleur-38',
    name: 'Alpes Logis',
    kind: 'bailleur_social',
    territory: '38',
    publicPhone: '+33476000001',
    scopes: ['alerts:write', 'events:write', 'plans:read', 'intents:write'],
  },
  {
    slug: 'bailleur-75',
    name: 'Paris Habitat Solidaire',
    kind: 'bailleur_social',
    territory: '75',
    publicPhone: '+33140000001',
    scopes: ['alerts:write', 'events:write', 'plans:read', 'intents:write'],
  },
  // Essonne: the mobile team writes to the tenant and to the private landlord (decision 0022).
  {
    slug: 'bailleur-prive-91',
    name: 'Jean Lefèvre (bailleur privé)',
    kind: 'bailleur_prive',
    territory: '91',
    publicPhone: '+33601020304',
    scopes: ['alerts:write', 'events:write', 'plans:read'],
  },
  {
    slug: 'equipe-mobile-91',
    name: 'Équipe mobile de prévention des expulsions de l’Essonne',
    kind: 'equipe_mobile',
    territory: '91',
    publicPhone: '+33160000000',
    scopes: ['events:write', 'plans:read', 'intents:write'],
  },
  {
    slug: 'adil-91',
    name: 'ADIL de l’Essonne',
    kind: 'adil',
    territory: '91',
    publicPhone: '+33160777000',
    scopes: ['plans:read', 'intents:write'],
  },
  {
    slug: 'operateur',
    name: 'Équipe Unisson',
    kind: 'plateforme_appels',
    territory: '93',
    publicPhone: '+33148000005',
    scopes: [...API_SCOPES],
  },
];

/** People of the demo: an admin, an operator and two CAF agents (one prepares a campaign, the other approves it). */
export const DEMO_PASSWORD = 'unisson-demo-2026';
export const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; role: Role; partnerSlug: string | null }> = [
  { email: 'admin@unisson.local', displayName: 'Administratrice Unisson', role: 'admin', partnerSlug: null },
  { email: 'operateur@unisson.local', displayName: 'Opérateur Unisson', role: 'operator', partnerSlug: null },
  { email: 'redaction@caf93.demo', displayName: 'Agent CAF (rédaction)', role: 'partner_staff', partnerSlug: 'caf-93' },
  { email: 'validation@caf93.demo', displayName: 'Responsable CAF (validation)', role: 'partner_staff', partnerSlug: 'caf-93' },
  { email: 'gestion@habitat93.demo', displayName: 'Gestionnaire Habitat Solidaire', role: 'partner_staff', partnerSlug: 'bailleur-93' },
  { email: 'analyse@caf93.demo', displayName: 'Analyste CAF 93 (chiffres agrégés)', role: 'analyst', partnerSlug: 'caf-93' },
  {
    email: 'appels@departement93.demo',
    displayName: 'Chargée d’appels du Département',
    role: 'partner_staff',
    partnerSlug: 'departement-93',
  },
];

/** The Département's call and visit team, which the national playbook's last rule sends the demo's households to. */
export const DEMO_TEAM = { partnerSlug: 'departement-93', name: 'Plateforme d’appels et visites du Département 93', territories: ['93'] };

/** The demo territory's sharing agreements: what each kind sees of the shared view (beyond stage and partners). */
const DEMO_AGREEMENTS: Array<{ partnerKind: PartnerKind; fields: string[] }> = [
  {
    partnerKind: 'departement',
    fields: [
      'stage',
      'stageSince',
      'partnersInvolved',
      'debtAmount',
      'hearing',
      'plannedContacts',
      'lastResponse',
      'optOuts',
      'reachableChannels',
      'phone',
    ],
  },
  {
    partnerKind: 'caf',
    fields: ['stage', 'stageSince', 'partnersInvolved', 'housingSector', 'plannedContacts', 'lastResponse', 'reachableChannels'],
  },
  { partnerKind: 'adil', fields: ['stage', 'partnersInvolved', 'hearing'] },
  {
    partnerKind: 'plateforme_appels',
    fields: ['stage', 'partnersInvolved', 'plannedContacts', 'lastResponse', 'optOuts', 'identity', 'phone'],
  },
];

const DEMO_ALERTS = [
  {
    partnerRef: 'HS93-000101',
    tenant: { lastName: 'Nguyen', firstName: 'Thi' },
    address: { street: '12 bis avenue Jean Jaurès', extra: 'Bât B', postalCode: '93200', city: 'Saint-Denis' },
    contacts: { phone: '06 12 34 56 78', email: 'thi.nguyen@example.org' },
    lease: { housingSector: 'social', monthlyRent: 512.4 },
    arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
  },
  {
    partnerRef: 'HS93-000102',
    tenant: { lastName: 'Benali', firstName: 'Youssef' },
    address: { street: '4 rue de la République', postalCode: '93000', city: 'Bobigny' },
    contacts: { phone: '07 81 22 33 45' },
    preferredLocale: 'ar',
    lease: { housingSector: 'social', monthlyRent: 430 },
    arrears: { amount: 430, firstUnpaidOn: '2026-11-05' },
  },
  {
    partnerRef: 'HS93-000103',
    tenant: { lastName: 'Martin', firstName: 'Sophie' },
    address: { street: '8 allée des Tilleuls', postalCode: '93140', city: 'Bondy' },
    contacts: { email: 'sophie.martin@example.org' },
    lease: { housingSector: 'social', monthlyRent: 620 },
    arrears: { amount: 1860, firstUnpaidOn: '2026-08-05' },
  },
];

/**
 * A household the landlord knows reads with difficulty (a landline, easy-to-read French, three
 * children, housing benefit): its plan is spoken, an automated call instead of the SMS, beside the
 * letters. Not among the task-seeded alerts above (the worklist keeps its three households).
 */
export const DEMO_SPOKEN_ALERT = {
  partnerRef: 'HS93-000104',
  tenant: { lastName: 'Diop', firstName: 'Aminata' },
  address: { street: '3 rue Paul Éluard', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone: '01 48 30 12 34' },
  cafNumber: '7654321',
  preferredLocale: 'fr-falc',
  readsWithDifficulty: true,
  dependentChildren: 3,
  lease: { housingSector: 'social', monthlyRent: 540 },
  arrears: { amount: 1080, firstUnpaidOn: '2026-10-05' },
};

/** Where the demo's private landlord gets the mobile team's letters (set by an admin: PUT /v1/admin/partners/:id/postal-address). */
export const DEMO_LANDLORD_ADDRESS = {
  slug: 'bailleur-prive-91',
  name: 'M. Jean Lefèvre',
  addressExtra: null,
  street: '8, avenue de la République',
  postalCode: '91300',
  city: 'Massy',
};

/** A private-sector tenancy of Essonne (no phone, no e-mail: letters only), served an assignation: letters to the tenant and to the landlord. */
export const DEMO_LANDLORD_CASE = {
  alert: {
    partnerRef: 'LEFEVRE-BAIL-2',
    tenant: { lastName: 'Traoré', firstName: 'Mariam' },
    address: { street: '12, rue des Lilas', postalCode: '91000', city: 'Évry-Courcouronnes' },
    lease: { housingSector: 'prive', monthlyRent: 780, signedOn: '2022-03-01' },
    arrears: { amount: 3120, firstUnpaidOn: '2026-06-05' },
  },
  assignation: {
    partnerRef: 'LEFEVRE-BAIL-2',
    type: 'assignation',
    occurredOn: '2026-11-30',
    hearing: { at: '2027-02-15T09:00:00+01:00', place: 'Tribunal judiciaire d’Évry, 9 rue des Mazières, 91000 Évry-Courcouronnes' },
  },
};

async function seedLandlordAddress(dataSource: DataSource): Promise<void> {
  const partner = await dataSource.getRepository(Partner).findOne({ where: { slug: DEMO_LANDLORD_ADDRESS.slug } });
  const partners = new PartnersRepository(dataSource);
  if (!partner || (await partners.findPostalAddress(partner.id))) return;
  const { slug: _slug, ...address } = DEMO_LANDLORD_ADDRESS;
  const block = addressBlock(address);
  if (!block.ok) throw new Error('the demo landlord’s address does not fit the envelope window');
  await partners.savePostalAddress(partner.id, { ...address, lines: block.lines });
}

/** The Essonne landlord's alert, then the assignation it had served: the plan holds the tenant's letters and one to the landlord. */
export async function postDemoLandlordCase(baseUrl: string, landlordKey: string, timeoutMs = 30_000): Promise<string | null> {
  const post = (path: string, body: unknown, idempotencyKey: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${landlordKey}`, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
  const alert = await post('/v1/alerts', DEMO_LANDLORD_CASE.alert, `demo-${DEMO_LANDLORD_CASE.alert.partnerRef}-alert`);
  if (!alert.ok) return null;
  // The assignation names the tenancy by the landlord's reference: it waits for the worker to have made the alert a household.
  const { submissionId } = (await alert.json()) as { submissionId: string };
  let householdId: string | null = null;
  for (let waited = 0; waited < timeoutMs && !householdId; waited += 500) {
    const r = await fetch(`${baseUrl}/v1/submissions/${submissionId}`, { headers: { authorization: `Bearer ${landlordKey}` } });
    const answer = r.ok ? ((await r.json()) as { status: string; outcome?: { householdId?: string } }) : { status: 'unknown' };
    if (answer.status === 'rejected') return null;
    if (answer.status === 'processed') householdId = answer.outcome?.householdId ?? null;
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!householdId) return null;
  const event = await post('/v1/stage-events', DEMO_LANDLORD_CASE.assignation, `demo-${DEMO_LANDLORD_CASE.alert.partnerRef}-assignation`);
  return event.ok ? householdId : null;
}

export async function seedDemo(config: AppConfig): Promise<Record<string, string>> {
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  const keys: Record<string, string> = {};
  try {
    for (const p of DEMO_PARTNERS) {
      const repo = dataSource.getRepository(Partner);
      const partner =
        (await repo.findOne({ where: { slug: p.slug } })) ??
        (await repo.save(
          repo.create({
            slug: p.slug,
            name: p.name,
            kind: p.kind,
            territory: p.territory,
            territories: [p.territory],
            publicPhone: p.publicPhone,
            replyToEmail: p.replyToEmail ?? null,
          }),
        ));
      const key = generateApiKey(config.security.appSecret);
      await dataSource
        .getRepository(PartnerApiKey)
        .insert({ partnerId: partner.id, prefix: key.prefix, secretHash: key.secretHash, scopes: p.scopes, label: 'démo' });
      keys[p.slug] = key.token;
    }
    await seedPeople(dataSource);
    await seedLandlordAddress(dataSource);
    const department = await dataSource.getRepository(Partner).findOne({ where: { slug: DEMO_TEAM.partnerSlug } });
    const tasks = new TasksRepository(dataSource);
    if (department && !(await tasks.findTeamsOfPartner(department.id)).length) {
      await tasks.insertTeam({
        partnerId: department.id,
        name: DEMO_TEAM.name,
        territories: DEMO_TEAM.territories,
        channels: ['call', 'homeVisit'],
      });
    }
  } finally {
    await dataSource.destroy();
  }
  return keys;
}

async function seedPeople(dataSource: DataSource): Promise<void> {
  const accounts = dataSource.getRepository(Account);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    if (await accounts.findOne({ where: { email: a.email } })) continue;
    const partner = a.partnerSlug ? await dataSource.getRepository(Partner).findOne({ where: { slug: a.partnerSlug } }) : null;
    await accounts.insert({ email: a.email, displayName: a.displayName, role: a.role, partnerId: partner?.id ?? null, passwordHash });
  }
  for (const agreement of DEMO_AGREEMENTS) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(SharingAgreement)
      .values({
        territory: '93',
        partnerKind: agreement.partnerKind,
        fields: agreement.fields,
        reference: 'Charte de prévention des expulsions 2022-2028 (démo)',
      })
      .orIgnore()
      .execute();
  }
}

/**
 * Call and visit tasks for the demo's households, as the call and visit senders create them
 * (routing, due window, caps): a call with its script in the household's language where there
 * is a phone, a home visit where there is none. Waits for the worker to have linked the alerts.
 */
export async function seedDemoTasks(config: AppConfig, waitMs = 30_000): Promise<number> {
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    const refs = DEMO_ALERTS.map((a) => a.partnerRef);
    const deadline = Date.now() + waitMs;
    let found: Array<{ id: string; household_id: string; locale: string }> = [];
    while (Date.now() < deadline) {
      found = await dataSource.query(
        `SELECT DISTINCT ON (r.household_id) r.id, r.household_id, h.preferred_locale AS locale
           FROM partner_record r JOIN household h ON h.id = r.household_id JOIN procedure p ON p.household_id = h.id
          WHERE r.partner_ref = ANY($1)`,
        [refs],
      );
      if (found.length >= refs.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The names and contacts are sealed at rest: read through the households' entity, which opens them.
    const records = new Map(
      (await dataSource.getRepository(PartnerRecord).findBy({ id: In(found.map((f) => f.id)) })).map((r) => [r.id, r]),
    );
    const rows = found.map((f) => {
      const r = records.get(f.id)!;
      return {
        household_id: f.household_id,
        locale: f.locale,
        phone: r.phone,
        first_name: r.firstName,
        last_name: r.lastName,
        street: r.street,
        postal_code: r.postalCode,
        city: r.city,
      };
    });
    const catalog = PlaybookCatalog.load();
    const tasks = new TasksRepository(dataSource);
    const creation = new TaskCreation(
      tasks,
      new HouseholdsRepository(dataSource),
      new PartnersRepository(dataSource),
      new CoordinationRepository(dataSource),
      catalog,
    );
    const library = TemplateLibrary.load();
    const [department] = await dataSource.query(`SELECT id, name, public_phone FROM partner WHERE slug = $1`, [DEMO_TEAM.partnerSlug]);
    let created = 0;
    for (const r of rows) {
      const channel = r.phone ? ('call' as const) : ('homeVisit' as const);
      const locale = ['fr', 'fr-falc', 'en', 'ar', 'es', 'pt', 'ro', 'tr'].includes(r.locale) ? (r.locale as 'fr') : 'fr';
      const script = await library.render({
        templateKey: 'first_arrears_information',
        channel: 'call',
        locale,
        variant: DEFAULT_VARIANT,
        variables: {
          fullName: `${r.first_name} ${r.last_name}`,
          partnerName: department.name,
          partnerPhone: department.public_phone,
          debtAmount: 1024.8,
          monthsUnpaid: 2,
        },
      });
      const messageId = randomUUID();
      await creation.createFor(
        {
          messageId,
          idempotencyKey: `demo:${channel}:${r.household_id}`,
          plannedContactKey: null,
          channel,
          householdId: r.household_id,
          purpose: 'rappelImpaye',
          locale: script.locale,
          recipient: r.phone ?? `${r.first_name} ${r.last_name}\n${r.street}\n${r.postal_code} ${r.city}`,
          subject: null,
          body: script.text,
          bodyHtml: null,
          templateKey: script.templateKey,
          templateVersion: script.templateVersion,
          variant: 'default',
          signingPartnerIds: [department.id],
        },
        new Date(Date.parse(DEMO_CLOCK_START)),
      );
      created++;
    }
    return created;
  } finally {
    await dataSource.destroy();
  }
}

export async function postDemoAlerts(baseUrl: string, landlordKey: string): Promise<number> {
  let accepted = 0;
  for (const alert of [...DEMO_ALERTS, DEMO_SPOKEN_ALERT]) {
    const response = await fetch(`${baseUrl}/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${landlordKey}`,
        'idempotency-key': `demo-${alert.partnerRef}-${Date.now()}`,
      },
      body: JSON.stringify(alert),
    });
    if (response.ok) accepted++;
  }
  return accepted;
}

/** A CAF campaign prepared by one agent and waiting for the other's approval (four eyes). */
export async function prepareDemoCampaign(baseUrl: string): Promise<string | null> {
  const signIn = await fetch(`${baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'redaction@caf93.demo', password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) return null;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = {
    'content-type': 'application/json',
    cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0],
    'x-csrf-token': csrfToken,
  };
  const created = await fetch(`${baseUrl}/v1/campaigns`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'CAF 93 — offre d’accompagnement aux premiers impayés (démo)',
      purpose: 'offreTravailleurSocialBailleur',
      target: { stage: 'premier_impaye', territory: '93', debtMin: 400 },
    }),
  });
  if (!created.ok) return null;
  const { id } = (await created.json()) as { id: string };
  await fetch(`${baseUrl}/v1/campaigns/${id}/submit`, { method: 'POST', headers, body: '{}' });
  return id;
}

/**
 * The response page of the first demo household (Thi Nguyen's letter from Habitat Solidaire 93):
 * waits for the alert to become a household and its first message, then issues the message's link.
 */
export async function issueDemoResponseLink(config: AppConfig, timeoutMs = 30_000): Promise<IssuedLink | null> {
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT r.household_id, m.id AS message_id, m.purpose, m.locale FROM partner_record r
           LEFT JOIN outbound_message m ON m.household_id = r.household_id
          WHERE r.partner_ref = 'HS93-000101' AND r.household_id IS NOT NULL ORDER BY m.created_at LIMIT 1`,
      )) as Array<{ household_id: string; message_id: string | null; purpose: string | null; locale: string | null }>;
      const found = rows[0];
      if (found?.message_id || (found && Date.now() > deadline))
        return await new ResponseLinks(new ResponseLinksRepository(dataSource), config).issue({
          householdId: found.household_id,
          messageId: found.message_id,
          purpose: found.purpose ?? 'premierImpaye',
          locale: found.locale ?? 'fr',
        });
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Rows of the demo's landlord export: the full-size 50,000-row file by default. Intake works
 * through it in the background (its jobs yield to every other partner's alerts), the terminal
 * shows its progress, the imports page too; `DEMO_BULK_ROWS=2000 npm start` uploads a smaller
 * file, `DEMO_BULK_ROWS=0` none. Figures: docs/decisions/0026.
 */
export const DEMO_BULK_ROWS_DEFAULT = 50_000;

export function demoBulkRows(setting = process.env.DEMO_BULK_ROWS): number {
  if (setting === undefined || setting.trim() === '') return DEMO_BULK_ROWS_DEFAULT;
  const rows = Number(setting);
  if (!Number.isInteger(rows) || rows < 0 || rows > 1_000_000)
    throw new Error(`DEMO_BULK_ROWS must be a number of rows between 0 and 1000000 (got "${setting}")`);
  return rows;
}

/** The demo's landlord export (Windows-1252, ";"), uploaded like a landlord's software would. */
export async function startDemoUpload(baseUrl: string, landlordKey: string, rows = DEMO_BULK_ROWS_DEFAULT): Promise<string | null> {
  const file = `var/demo-alertes-${rows}.csv`;
  if (!existsSync(file)) writeFileSync(file, iconv.encode(generateAlertRows(rows, { invalidShare: 0.002, seed: 93 }), 'win1252'));
  const response = await fetch(`${baseUrl}/v1/alerts/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${landlordKey}`, 'content-type': 'text/csv', 'x-file-name': `demo-alertes-${rows}.csv` },
    body: readFileSync(file),
  });
  return response.ok ? ((await response.json()) as { importId: string }).importId : null;
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    const base = config.api.publicBaseUrl;
    const keys = await seedDemo(config);
    mkdirSync('var', { recursive: true });
    writeFileSync('var/demo-keys.json', JSON.stringify(keys, null, 2));
    const accepted = await postDemoAlerts(base, keys['bailleur-93']);
    console.log(`Démo : ${Object.keys(keys).length} partenaires, ${accepted} alertes d'impayé envoyées. Clés dans var/demo-keys.json`);
    console.log(`Clé du bailleur de démo : ${keys['bailleur-93']}`);
    if (config.twilio.baseUrl)
      console.log(
        `Message vocal : Mme Diop lit difficilement (signalé par le bailleur) ; son plan lui est dit au téléphone (fixe, français facile) au lieu du SMS — l’appel et ce qui a été dit : ${config.twilio.baseUrl}/ (Appels)`,
      );
    const link = await issueDemoResponseLink(config);
    if (link)
      console.log(
        `Page de réponse du ménage (lien du courrier de Mme Nguyen, code de suivi ${link.shortCodeDisplay}) : ${link.url} — sans connexion ; essayez ?langue=ar`,
      );
    const landlordCase = await postDemoLandlordCase(base, keys['bailleur-prive-91']);
    if (landlordCase)
      console.log(
        `Essonne, secteur privé : Mme Traoré assignée ; l’équipe mobile écrit à la locataire et au bailleur privé (M. Lefèvre, à son adresse, sans lien de réponse) — plan : GET ${base}/v1/households/${landlordCase}/plan avec la clé bailleur-prive-91 ; exemple du courrier : npm run letters:sample -- --template courrier_bailleur_prive --locale fr --out var/courrier-bailleur.pdf`,
      );
    const campaign = await prepareDemoCampaign(base);
    if (process.env.DEMO_EXPERIMENT_HOUSEHOLDS !== '0') {
      console.log('Expérience de démo : deux variantes du SMS du premier impayé, réponses simulées…');
      const db = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
      await db.initialize();
      try {
        const experiment = await runDemoExperiment(
          base,
          db,
          keys['bailleur-93'],
          { email: 'analyse@caf93.demo', password: DEMO_PASSWORD },
          Number(process.env.DEMO_EXPERIMENT_HOUSEHOLDS ?? 400),
        );
        if (experiment)
          console.log(
            `Expérience : ${experiment.households} foyers répartis, ${experiment.responses} réponses simulées — résultat sur ${base}/analyse (analyse@caf93.demo)`,
          );
      } finally {
        await db.destroy();
      }
    }
    const demoTasks = await seedDemoTasks(config).catch((error: unknown) => {
      console.error(`Tâches d’appel de démo non créées : ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });
    const bulkRows = demoBulkRows();
    const upload = bulkRows === 0 ? null : await startDemoUpload(base, keys['bailleur-93'], bulkRows);
    // npm start follows it in its terminal (scripts/demo-upload-progress.ts).
    if (upload)
      writeFileSync('var/demo-upload.json', JSON.stringify({ baseUrl: base, key: keys['bailleur-93'], importId: upload, rows: bulkRows }));
    console.log(`Comptes (mot de passe « ${DEMO_PASSWORD} ») : ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
    if (demoTasks)
      console.log(
        `Appels et visites à traiter (${demoTasks} tâches) : ${base}/appels (connectez-vous en appels@departement93.demo) ; API : GET ${base}/v1/task-teams avec la clé departement-93`,
      );
    if (campaign)
      console.log(
        `Campagne en attente d’approbation : ${base}/campagnes/${campaign} (préparée par redaction@caf93.demo ; approuvez-la en validation@caf93.demo)`,
      );
    if (upload)
      console.log(
        `Dépôt de ${bulkRows.toLocaleString('fr-FR')} lignes en cours, en arrière-plan (le reste de la démo répond) : ${base}/imports (en gestion@habitat93.demo ou admin) ; avancement ci-dessous` +
          (bulkRows >= 50_000 ? ' ; un dépôt plus petit : DEMO_BULK_ROWS=2000 npm start' : ''),
      );
  })().catch((error: unknown) => {
    console.error(`Demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
