/**
 * Demo data for `npm start`: partners of Seine-Saint-Denis with API keys, then a few
 * first-arrears alerts posted over HTTP like a landlord's system would.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { API_SCOPES, ApiScope, generateApiKey, Partner, PartnerApiKey, PartnerKind } from '@unisson/partners';

/** The demo's coordination calendar starts on a Tuesday at 10:30 in Paris, inside sending hours. */
export const DEMO_CLOCK_START = '2026-12-01T10:30:00+01:00';

const DEMO_PARTNERS: Array<{ slug: string; name: string; kind: PartnerKind; territory: string; publicPhone: string; scopes: ApiScope[] }> =
  [
    {
      slug: 'bailleur-93',
      name: 'Habitat Solidaire 93',
      kind: 'bailleur_social',
      territory: '93',
      publicPhone: '+33148000001',
      scopes: ['alerts:write', 'events:write', 'plans:read', 'intents:write'],
    },
    {
      slug: 'caf-93',
      name: 'CAF de la Seine-Saint-Denis',
      kind: 'caf',
      territory: '93',
      publicPhone: '+33969322030',
      scopes: ['events:write', 'plans:read', 'intents:write'],
    },
    {
      slug: 'departement-93',
      name: 'Département de la Seine-Saint-Denis',
      kind: 'departement',
      territory: '93',
      publicPhone: '+33143939393',
      scopes: ['events:write', 'plans:read', 'intents:write', 'households:read'],
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
    {
      slug: 'operateur',
      name: 'Équipe Unisson',
      kind: 'plateforme_appels',
      territory: '93',
      publicPhone: '+33148000005',
      scopes: [...API_SCOPES],
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

export async function seedDemo(config: AppConfig): Promise<Record<string, string>> {
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  const keys: Record<string, string> = {};
  try {
    for (const p of DEMO_PARTNERS) {
      const repo = dataSource.getRepository(Partner);
      const partner =
        (await repo.findOne({ where: { slug: p.slug } })) ??
        (await repo.save(repo.create({ slug: p.slug, name: p.name, kind: p.kind, territory: p.territory, publicPhone: p.publicPhone })));
      const key = generateApiKey(config.security.appSecret);
      await dataSource
        .getRepository(PartnerApiKey)
        .insert({ partnerId: partner.id, prefix: key.prefix, secretHash: key.secretHash, scopes: p.scopes, label: 'démo' });
      keys[p.slug] = key.token;
    }
  } finally {
    await dataSource.destroy();
  }
  return keys;
}

export async function postDemoAlerts(baseUrl: string, landlordKey: string): Promise<number> {
  let accepted = 0;
  for (const alert of DEMO_ALERTS) {
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

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    const keys = await seedDemo(config);
    mkdirSync('var', { recursive: true });
    writeFileSync('var/demo-keys.json', JSON.stringify(keys, null, 2));
    const accepted = await postDemoAlerts(config.api.publicBaseUrl, keys['bailleur-93']);
    console.log(`Démo : ${Object.keys(keys).length} partenaires, ${accepted} alertes d'impayé envoyées. Clés dans var/demo-keys.json`);
    console.log(`Clé du bailleur de démo : ${keys['bailleur-93']}`);
  })().catch((error: unknown) => {
    console.error(`Demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
