/**
 * The principals of the authorization matrix and the resources they own. Every organisation kind
 * has an organisation "A" in Seine-Saint-Denis (93) with an API key holding every scope (so that
 * what the kind may do shows, not what a key lacks), and the organisation "B" of the same kind
 * owns the "other partner's" resources. People: agents of three kinds, a commissaire, a call
 * agent, an analyst, Unisson's operator and admin; and nobody (no key, no session).
 */
import type { DataSource } from 'typeorm';
import { API_SCOPES, generateApiKey, hashPassword, PARTNER_KINDS, PartnerKind } from '@unisson/partners';
import type { Role } from '@unisson/access';
import { TestClient } from '../../support/http-client';
import type { UnissonStack } from '../../support/unisson-stack';

export const MATRIX_TERRITORY = '93';
export const OTHER_TERRITORY = '38';
const PASSWORD = 'matrice des accès, mot de passe long';

type KeyWho = `cle:${PartnerKind}`;
export const PEOPLE = {
  'agent:bailleur_social': { role: 'partner_staff', kind: 'bailleur_social' },
  'agent:caf': { role: 'partner_staff', kind: 'caf' },
  'agent:etat': { role: 'partner_staff', kind: 'etat' },
  commissaire: { role: 'commissaire', kind: 'commissaire_de_justice' },
  charge_appels: { role: 'call_agent', kind: 'plateforme_appels' },
  analyste: { role: 'analyst', kind: 'analyste' },
  operateur: { role: 'operator', kind: null },
  admin: { role: 'admin', kind: null },
} as const satisfies Record<string, { role: Role; kind: PartnerKind | null }>;
export type PersonWho = keyof typeof PEOPLE;

/** Who calls: `cle:<kind>` an API key of that kind's organisation A (every scope), people by role, or nobody. */
export type Who = KeyWho | 'cle:sans-permission' | PersonWho | 'anonyme';

export const KEYS: readonly KeyWho[] = PARTNER_KINDS.map((k) => `cle:${k}` as KeyWho);
export const EVERYONE: readonly Who[] = [...KEYS, 'cle:sans-permission', ...(Object.keys(PEOPLE) as PersonWho[]), 'anonyme'];

export interface Organisation {
  id: string;
  kind: PartnerKind;
  /** An API key of the organisation with every scope (for making its resources). */
  key: string;
}

export interface MatrixWorld {
  clients: Record<Who, TestClient>;
  /** The organisation A a principal belongs to (null: platform staff, nobody). */
  orgOf(who: Who): Organisation | null;
  /** Organisation A (the principals') and B (another partner) of each kind. */
  a: Record<PartnerKind, Organisation>;
  b: Record<PartnerKind, Organisation>;
}

async function insertPartner(db: DataSource, slug: string, kind: PartnerKind, territory: string): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO partner (slug, name, kind, territory, territories, public_phone) VALUES ($1, $2, $3, $4, ARRAY[$4], '01 23 45 67 89') RETURNING id`,
    [slug, `Matrice ${slug}`, kind, territory],
  );
  return row.id;
}

async function insertKey(stack: UnissonStack, partnerId: string, scopes: readonly string[]): Promise<string> {
  const key = generateApiKey(stack.config.security.appSecret);
  await stack.db.query(`INSERT INTO partner_api_key (partner_id, prefix, secret_hash, scopes, label) VALUES ($1, $2, $3, $4, 'matrice')`, [
    partnerId,
    key.prefix,
    key.secretHash,
    scopes,
  ]);
  return key.token;
}

export async function buildWorld(stack: UnissonStack): Promise<MatrixWorld> {
  const a = {} as Record<PartnerKind, Organisation>;
  const b = {} as Record<PartnerKind, Organisation>;
  for (const kind of PARTNER_KINDS) {
    for (const [side, orgs] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const id = await insertPartner(stack.db, `matrice-${kind}-${side}`, kind, MATRIX_TERRITORY);
      orgs[kind] = { id, kind, key: await insertKey(stack, id, API_SCOPES) };
    }
  }
  const clients = {} as Record<Who, TestClient>;
  for (const kind of PARTNER_KINDS) clients[`cle:${kind}`] = new TestClient(stack.baseUrl, a[kind].key);
  clients['cle:sans-permission'] = new TestClient(stack.baseUrl, await insertKey(stack, a.bailleur_social.id, []));
  clients.anonyme = new TestClient(stack.baseUrl);
  const passwordHash = await hashPassword(PASSWORD);
  for (const [who, person] of Object.entries(PEOPLE) as Array<[PersonWho, (typeof PEOPLE)[PersonWho]]>) {
    const email = `${who.replace(':', '.')}@matrice.test`;
    await stack.db.query(`INSERT INTO account (email, display_name, role, partner_id, password_hash) VALUES ($1, $2, $3, $4, $5)`, [
      email,
      `Matrice ${who}`,
      person.role,
      person.kind ? a[person.kind].id : null,
      passwordHash,
    ]);
    const client = new TestClient(stack.baseUrl);
    const signedIn = await client.signIn(email, PASSWORD);
    if (signedIn.status !== 201) throw new Error(`${who} could not sign in: ${signedIn.status} ${signedIn.text}`);
    clients[who] = client;
  }
  return {
    clients,
    a,
    b,
    orgOf(who) {
      if (who.startsWith('cle:')) return who === 'cle:sans-permission' ? a.bailleur_social : a[who.slice(4) as PartnerKind];
      const person = PEOPLE[who as PersonWho];
      return person?.kind ? a[person.kind] : null;
    },
  };
}
