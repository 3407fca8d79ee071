/**
 * The roles of people who sign in to Unisson's pages. Machine clients (a landlord's software, the
 * CAF's system) use API keys with scopes instead; both become a `Principal`.
 */
export const ROLES = ['admin', 'partner_staff', 'commissaire', 'call_agent', 'analyst', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur Unisson',
  partner_staff: 'Agent d’un partenaire',
  commissaire: 'Commissaire de justice',
  call_agent: 'Chargé d’appels',
  analyst: 'Analyste (chiffres agrégés)',
  operator: 'Opérateur de la plateforme',
};

/** Roles held by Unisson's own staff, who belong to no partner organisation. */
export const PLATFORM_ROLES: readonly Role[] = ['admin', 'operator'];

/** The partner kinds a role may belong to (null: no partner, platform staff; `{ except }`: any kind but those). */
const ROLE_PARTNER_KINDS: Record<Role, readonly string[] | { except: readonly string[] } | null> = {
  admin: null,
  operator: null,
  commissaire: ['commissaire_de_justice'],
  call_agent: ['plateforme_appels', 'equipe_mobile', 'association', 'ccas'],
  analyst: ['analyste', 'caf', 'etat', 'departement', 'ccapex'],
  partner_staff: { except: ['analyste'] },
};

/** Why a person cannot hold this role in this organisation, or null when they can. */
export function roleMisfit(role: Role, partnerKind: string | null): string | null {
  const kinds = ROLE_PARTNER_KINDS[role];
  if (kinds === null)
    return partnerKind === null ? null : `le rôle « ${ROLE_LABELS[role]} » est réservé à l’équipe Unisson (sans partenaire)`;
  if (partnerKind === null) return `le rôle « ${ROLE_LABELS[role]} » demande un partenaire`;
  const fits = Array.isArray(kinds) ? kinds.includes(partnerKind) : !(kinds as { except: readonly string[] }).except.includes(partnerKind);
  return fits ? null : `le rôle « ${ROLE_LABELS[role]} » ne convient pas à un partenaire de type ${partnerKind}`;
}
