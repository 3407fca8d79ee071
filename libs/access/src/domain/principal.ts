import type { Role } from './roles';

/** A machine client: a partner's API key and its scopes. */
export interface KeyPrincipal {
  type: 'api_key';
  keyId: string;
  partnerId: string;
  partnerKind: string;
  /** Département codes the partner works on; the first is its home territory. */
  territories: readonly string[];
  scopes: readonly string[];
}

/** A person signed in to the web pages (or calling the admin API with their session). */
export interface PersonPrincipal {
  type: 'person';
  accountId: string;
  role: Role;
  /** Null for Unisson's own staff (admin, operator). */
  partnerId: string | null;
  partnerKind: string | null;
  territories: readonly string[];
}

export type Principal = KeyPrincipal | PersonPrincipal;

/** Who acted, as written in the audit trail: never a name or an e-mail, only identifiers. */
export function actorOf(principal: Principal | null): {
  actorType: 'api_key' | 'account' | 'system';
  actorId: string | null;
  partnerId: string | null;
} {
  if (!principal) return { actorType: 'system', actorId: null, partnerId: null };
  return principal.type === 'api_key'
    ? { actorType: 'api_key', actorId: principal.keyId, partnerId: principal.partnerId }
    : { actorType: 'account', actorId: principal.accountId, partnerId: principal.partnerId };
}

/** The identity that created something, for the four-eyes rule (a key or a person). */
export function identityOf(principal: Principal): string {
  return principal.type === 'api_key' ? `key:${principal.keyId}` : `account:${principal.accountId}`;
}
