import { ACTION_RULES, ACTIONS, ANY_SCOPE } from './actions';
import { ROLE_LABELS, ROLES } from './roles';

/** The roles table (docs/access-roles.md), generated from the policy so that it cannot drift. */
export function rolesTable(): string {
  const header = `| Action | Clé API (permission) | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} | Limite |`;
  const rule = `|${' --- |'.repeat(ROLES.length + 3)}`;
  const limits: Record<string, string> = {
    none: '—',
    own_partner: 'sa propre organisation',
    territory: 'ses territoires',
    household: 'foyers de ses territoires dont elle détient une fiche (tous pour État, Département, CCAPEX et chargés d’appels)',
    household_holder: 'foyers dont elle détient une fiche',
    four_eyes: 'sa propre organisation, pas son auteur',
  };
  const rows = ACTIONS.map((action) => {
    const r = ACTION_RULES[action];
    const key = r.scope === null ? 'non' : r.scope === ANY_SCOPE ? 'toute clé' : `\`${r.scope}\``;
    const roles = ROLES.map((role) => ((r.roles as readonly string[]).includes(role) ? 'oui' : ''));
    const kinds = 'partnerKinds' in r && r.partnerKinds ? ` ; types : ${r.partnerKinds.join(', ')}` : '';
    const wide = 'platformWide' in r && r.platformWide ? ' (admin/opérateur : partout)' : '';
    return `| ${r.label} (\`${action}\`) | ${key} | ${roles.join(' | ')} | ${limits[r.resource]}${kinds}${wide} |`;
  });
  return [
    '# Rôles et permissions (généré depuis libs/access : ne pas modifier à la main)',
    '',
    'Chaque décision d’accès passe par `decide(principal, action, ressource)`. Une ressource hors limite répond 404, comme une ressource inexistante.',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
