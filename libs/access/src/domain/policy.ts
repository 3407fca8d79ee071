import { Action, ANY_SCOPE, COORDINATING_KINDS, ruleOf } from './actions';
import { identityOf, Principal } from './principal';
import { Resource } from './resource';

/**
 * Why access is refused. `not_visible` answers 404 over HTTP: another partner's household,
 * import or campaign looks exactly like one that does not exist, so guessing identifiers
 * reveals nothing.
 */
export type DenyReason =
  'unauthenticated' | 'keys_not_allowed' | 'missing_scope' | 'role_not_allowed' | 'partner_kind_not_allowed' | 'not_visible' | 'four_eyes';

export type Decision = { allow: true } | { allow: false; reason: DenyReason; message: string };

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason, message: string): Decision => ({ allow: false, reason, message });

const isPlatformStaff = (p: Principal) => p.type === 'person' && p.partnerId === null;

/**
 * May this principal attempt this action at all (scope, role, organisation kind)? The guard asks
 * this before the handler runs; `decide` adds the resource rule once the resource is known.
 */
export function mayAttempt(principal: Principal | null, action: Action): Decision {
  const rule = ruleOf(action);
  if (!principal) return deny('unauthenticated', 'Identifiez-vous : clé API (Authorization: Bearer uk_…) ou connexion sur /connexion.');
  if (principal.type === 'api_key') {
    if (rule.scope === null) {
      return deny('keys_not_allowed', `« ${rule.label} » est réservé aux personnes connectées : une clé API ne le peut pas.`);
    }
    if (rule.scope !== ANY_SCOPE && !principal.scopes.includes(rule.scope)) {
      return deny(
        'missing_scope',
        `Cette clé API n’a pas la permission ${rule.scope} (« ${rule.label} ») : demandez à votre administrateur Unisson une clé qui l’a.`,
      );
    }
  } else if (!rule.roles.includes(principal.role)) {
    return deny('role_not_allowed', `Votre rôle ne permet pas « ${rule.label} ». Demandez à votre administrateur Unisson.`);
  }
  if (rule.partnerKinds && !isPlatformStaff(principal) && !rule.partnerKinds.includes(principal.partnerKind ?? '')) {
    return deny(
      'partner_kind_not_allowed',
      `« ${rule.label} » n’est pas ouvert aux partenaires de type ${principal.partnerKind ?? 'aucun'}.`,
    );
  }
  return ALLOW;
}

function inTerritory(principal: Principal, territory: string | undefined): boolean {
  return territory !== undefined && principal.territories.includes(territory);
}

function holdsRecord(principal: Principal, resource: Resource): boolean {
  return principal.partnerId !== null && (resource.recordHolderPartnerIds ?? []).includes(principal.partnerId);
}

function resourceVisible(principal: Principal, action: Action, resource: Resource): boolean {
  const rule = ruleOf(action);
  if (rule.resource === 'none' || (rule.platformWide && isPlatformStaff(principal))) return true;
  if (principal.partnerId === null) return false;
  switch (rule.resource) {
    case 'own_partner':
    case 'four_eyes':
      return resource.ownerPartnerId !== undefined && resource.ownerPartnerId === principal.partnerId;
    case 'territory':
      return inTerritory(principal, resource.territory);
    case 'household_holder':
      return inTerritory(principal, resource.territory) && holdsRecord(principal, resource);
    case 'household':
      return (
        inTerritory(principal, resource.territory) &&
        (holdsRecord(principal, resource) ||
          COORDINATING_KINDS.includes(principal.partnerKind ?? '') ||
          (principal.type === 'person' && principal.role === 'call_agent'))
      );
  }
}

/** The one answer to what is unknown or not one's to see (the same words for both). */
export const NOT_VISIBLE_MESSAGE = 'Introuvable, ou hors de ce que votre organisation peut voir.';

/** The one access decision: may `principal` do `action` on `resource`? Pure, table-tested. */
export function decide(principal: Principal | null, action: Action, resource: Resource): Decision {
  const attempt = mayAttempt(principal, action);
  if (!attempt.allow || !principal) return attempt;
  if (!resourceVisible(principal, action, resource)) {
    return deny('not_visible', NOT_VISIBLE_MESSAGE);
  }
  if (ruleOf(action).resource === 'four_eyes' && resource.createdBy === identityOf(principal)) {
    return deny('four_eyes', 'Une autre personne que l’auteur doit approuver (principe des quatre yeux).');
  }
  return ALLOW;
}

/** HTTP status of a refusal: 401 without identity, 404 for what the principal may not know exists, else 403. */
export function statusOfDenial(reason: DenyReason): 401 | 403 | 404 {
  if (reason === 'unauthenticated') return 401;
  return reason === 'not_visible' ? 404 : 403;
}
