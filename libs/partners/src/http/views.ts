import { keyIsUsable } from '../domain/api-key';
import type { AccountView } from '../accounts.repository';
import type { Partner } from '../entities/partner.entity';
import type { SharingAgreement } from '../entities/sharing-agreement.entity';
import type { KeyView } from '../partners.repository';

/** Explicit response mappers: entities are never serialised as they are. */
export const partnerView = (p: Partner) => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  kind: p.kind,
  territories: p.territories?.length ? p.territories : [p.territory],
  publicPhone: p.publicPhone,
  createdAt: p.createdAt.toISOString(),
  disabledAt: p.disabledAt?.toISOString() ?? null,
});

export const keyView = (k: KeyView) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  expiresAt: k.expiresAt?.toISOString() ?? null,
  usable: keyIsUsable(k, Date.now()),
});

export const accountView = (a: AccountView) => ({
  ...a,
  lockedUntil: a.lockedUntil?.toISOString() ?? null,
  lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  disabledAt: a.disabledAt?.toISOString() ?? null,
});

export const agreementView = (
  a: Pick<SharingAgreement, 'territory' | 'partnerKind' | 'fields' | 'reference'> & { updatedAt?: Date | null },
) => ({
  territory: a.territory,
  partnerKind: a.partnerKind,
  fields: a.fields,
  reference: a.reference,
  updatedAt: a.updatedAt?.toISOString() ?? null,
});
