import { z } from 'zod';
import { ROLES, SHARED_VIEW_FIELD_IDS } from '@unisson/access';
import { PARTNER_KINDS } from '../domain/partner-kind';

const instant = z.string().describe('Instant ISO 8601');

export const partnerViewSchema = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
  territories: z.array(z.string()),
  publicPhone: z.string().nullable(),
  createdAt: instant,
  disabledAt: instant.nullable(),
});

export const keyViewSchema = z.object({
  id: z.string().uuid(),
  partnerId: z.string().uuid(),
  prefix: z.string().describe('Début visible de la clé (uk_<prefix>_…), pour la reconnaître'),
  label: z.string(),
  scopes: z.array(z.string()),
  createdAt: instant,
  revokedAt: instant.nullable(),
  expiresAt: instant.nullable().describe('Fin de la période de recouvrement après un renouvellement'),
  replacedByKeyId: z.string().uuid().nullable(),
  usable: z.boolean(),
});

export const issuedKeySchema = z.object({
  token: z.string().describe('La clé complète, affichée une seule fois : conservez-la dans votre coffre'),
  key: keyViewSchema,
});

export const accountViewSchema = z.object({
  id: z.string().uuid(),
  partnerId: z.string().uuid().nullable(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  lockedUntil: instant.nullable(),
  lastLoginAt: instant.nullable(),
  createdAt: instant,
  disabledAt: instant.nullable(),
});

export const agreementViewSchema = z.object({
  territory: z.string(),
  partnerKind: z.string(),
  fields: z.array(z.enum(SHARED_VIEW_FIELD_IDS as [string, ...string[]])),
  reference: z.string().nullable(),
  updatedAt: instant.nullable(),
});

export const sessionViewSchema = z.object({
  accountId: z.string().uuid(),
  role: z.enum(ROLES),
  partnerId: z.string().uuid().nullable(),
  csrfToken: z.string().describe('À renvoyer dans X-CSRF-Token sur chaque POST, PUT, PATCH, DELETE faits avec la session'),
  expiresAt: instant.nullable(),
});

export const signInSchema = z.strictObject({
  email: z.string().trim().max(254),
  password: z.string().max(200),
});

const T = '2026-12-01T10:30:00.000Z';
export const EXAMPLES = {
  partner: {
    id: '2b3c4d5e-0000-4000-8000-000000000001',
    slug: 'caf-93',
    name: 'CAF de la Seine-Saint-Denis',
    kind: 'caf',
    territories: ['93'],
    publicPhone: '+33969322030',
    createdAt: T,
    disabledAt: null,
  },
  key: {
    id: '3c4d5e6f-0000-4000-8000-000000000002',
    partnerId: '2b3c4d5e-0000-4000-8000-000000000001',
    prefix: 'ab12cd34',
    label: 'Système d’information CAF',
    scopes: ['events:write', 'intents:write'],
    createdAt: T,
    revokedAt: null,
    expiresAt: null,
    replacedByKeyId: null,
    usable: true,
  },
  account: {
    id: '4d5e6f70-0000-4000-8000-000000000003',
    partnerId: '2b3c4d5e-0000-4000-8000-000000000001',
    email: 'agent@caf93.example.org',
    displayName: 'Agent CAF',
    role: 'partner_staff',
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: T,
    disabledAt: null,
  },
  agreement: {
    territory: '93',
    partnerKind: 'departement',
    fields: ['stage', 'partnersInvolved', 'debtAmount', 'phone'],
    reference: 'Charte 2022-2028, annexe 6',
    updatedAt: T,
  },
};
