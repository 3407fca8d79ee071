/**
 * The resources a route of the matrix acts on, made for one organisation: "own" is the caller's
 * organisation A, "other" another partner (organisation B of the same kind, or another territory
 * where the rule is the territory). Platform staff and nobody get organisation A's of a landlord.
 */
import { randomUUID } from 'node:crypto';
import { PartnerKind } from '@unisson/partners';
import { distinctAlerts, postAlert } from '../../support/alerts';
import { TestClient } from '../../support/http-client';
import type { UnissonStack } from '../../support/unisson-stack';
import { MatrixWorld, Organisation, OTHER_TERRITORY, Who } from './principals';

export type Side = 'own' | 'other';
export type ResourceKind =
  'household' | 'submission' | 'bulk_import' | 'campaign' | 'webhook_endpoint' | 'linkage_record' | 'partner' | 'api_key' | 'account';

export interface Resources {
  /** The identifier to put in the route's path for this principal and side. */
  idFor(kind: ResourceKind, who: Who, side: Side): Promise<string>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A household made the way partners make them: a landlord's alert, processed by the worker. */
async function householdOf(stack: UnissonStack, landlord: Organisation, label: string): Promise<string> {
  const [alert] = distinctAlerts(1, label, Math.floor(Math.random() * 1000));
  const response = await postAlert(stack.baseUrl, landlord.key, alert);
  if (response.status !== 202) throw new Error(`alert refused: ${response.status} ${await response.text()}`);
  const { submissionId } = (await response.json()) as { submissionId: string };
  return waitFor(`household of ${label}`, async () => {
    const [row] = await stack.db.query(`SELECT outcome->>'householdId' AS id FROM partner_submission WHERE id = $1`, [submissionId]);
    return row?.id as string | undefined;
  });
}

export async function buildResources(stack: UnissonStack, world: MatrixWorld): Promise<Resources> {
  const db = stack.db;
  // Household "own": alerted by landlord A, and every organisation A holds a record of it.
  const ownHousehold = await householdOf(stack, world.a.bailleur_social, 'matriceown');
  const [template] = await db.query(`SELECT * FROM partner_record WHERE household_id = $1 LIMIT 1`, [ownHousehold]);
  // Each organisation A names it `MATRICE-<kind>` (the body of its stage events and intents).
  await db.query(`UPDATE partner_record SET partner_ref = 'MATRICE-bailleur_social' WHERE id = $1`, [template.id]);
  const columns = Object.keys(template).filter((c) => !['id', 'partner_id', 'partner_ref', 'created_at', 'updated_at'].includes(c));
  for (const org of Object.values(world.a)) {
    if (org.id === world.a.bailleur_social.id) continue;
    await db.query(
      `INSERT INTO partner_record (partner_id, partner_ref, ${columns.join(', ')})
       SELECT $1, $2, ${columns.join(', ')} FROM partner_record WHERE id = $3`,
      [org.id, `MATRICE-${org.kind}`, template.id],
    );
  }
  // Household "other": in the same territory, known only to landlord B.
  const otherHousehold = await householdOf(stack, world.b.bailleur_social, 'matriceother');
  // A draft campaign to copy for every organisation.
  const drafted = await new TestClient(stack.baseUrl, world.a.caf.key).post<{ id: string }>('/v1/campaigns', {
    name: 'Campagne de la matrice',
    purpose: 'offreTravailleurSocialBailleur',
    target: { stage: 'premier_impaye', territory: '93' },
  });
  if (drafted.status !== 201) throw new Error(`campaign refused: ${drafted.status} ${drafted.text}`);
  const [linkageOwn] = await db.query(`SELECT record_id FROM linkage_record WHERE territory = '93' LIMIT 1`);
  const [linkageOther] = await db.query(
    `INSERT INTO linkage_record (record_id, territory, household_key, normalised)
     SELECT gen_random_uuid()::text, $1, household_key, normalised FROM linkage_record WHERE record_id = $2 RETURNING record_id`,
    [OTHER_TERRITORY, linkageOwn.record_id],
  );

  const cache = new Map<string, Promise<string>>();
  const orgFor = (who: Who, side: Side): Organisation => {
    const mine = world.orgOf(who) ?? world.a.bailleur_social;
    return side === 'own' ? mine : world.b[mine.kind as PartnerKind];
  };
  const once = (key: string, make: () => Promise<string>) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };
  const make: Record<ResourceKind, (org: Organisation, side: Side) => Promise<string>> = {
    household: async (_org, side) => (side === 'own' ? ownHousehold : otherHousehold),
    submission: (org) =>
      once(`submission:${org.id}`, async () => {
        const [row] = await db.query(
          `INSERT INTO partner_submission (partner_id, kind, idempotency_key, request_hash, payload, processed_at, outcome)
           VALUES ($1, 'intent', $2, 'matrice', '{}'::jsonb, now(), '{}'::jsonb) RETURNING id`,
          [org.id, `matrice-${org.id}`],
        );
        return row.id;
      }),
    bulk_import: (org) =>
      once(`import:${org.id}`, async () => {
        const [row] = await db.query(
          `INSERT INTO bulk_import (partner_id, created_by, file_name, file_sha256, byte_size, status, rows_total, rows_done)
           VALUES ($1, 'matrice', 'matrice.csv', $2, 10, 'completed', 0, 0) RETURNING id`,
          [org.id, randomUUID()],
        );
        return row.id;
      }),
    // Fresh each time: a command moves it on.
    campaign: async (org) => {
      const [row] = await db.query(
        `INSERT INTO campaign (partner_id, name, purpose, territory, target, status, created_by)
         SELECT $1, name, purpose, territory, target, 'draft', 'key:matrice' FROM campaign WHERE id = $2 RETURNING id`,
        [org.id, drafted.body.id],
      );
      return row.id;
    },
    // Fresh each time: it may be deleted.
    webhook_endpoint: async (org) => {
      const made = await new TestClient(stack.baseUrl, org.key).post<{ endpoint: { id: string } }>('/v1/webhooks/endpoints', {
        url: 'https://bailleur.example.org/unisson/webhooks',
        events: ['intent.merged'],
      });
      if (made.status !== 201) throw new Error(`endpoint refused: ${made.status} ${made.text}`);
      return made.body.endpoint.id;
    },
    linkage_record: async (_org, side) => (side === 'own' ? linkageOwn.record_id : linkageOther.record_id),
    // Platform resources (admins only): fresh each time, a request may revoke or change them.
    partner: async () => {
      const [row] = await db.query(
        `INSERT INTO partner (slug, name, kind, territory, territories) VALUES ($1, 'Jetable', 'association', '93', ARRAY['93']) RETURNING id`,
        [`jetable-${randomUUID().slice(0, 8)}`],
      );
      return row.id;
    },
    api_key: async (org) => {
      const [row] = await db.query(
        `INSERT INTO partner_api_key (partner_id, prefix, secret_hash, scopes, label) VALUES ($1, $2, 'x', '{}', 'jetable') RETURNING id`,
        [org.id, randomUUID().slice(0, 8)],
      );
      return row.id;
    },
    account: async (org) => {
      const [row] = await db.query(
        `INSERT INTO account (email, display_name, role, partner_id, password_hash) VALUES ($1, 'Jetable', 'partner_staff', $2, 'x') RETURNING id`,
        [`jetable-${randomUUID().slice(0, 8)}@matrice.test`, org.id],
      );
      return row.id;
    },
  };
  return { idFor: (kind, who, side) => make[kind](orgFor(who, side), side) };
}
