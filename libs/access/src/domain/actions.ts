import { ROLES, type Role } from './roles';

/** Partner kinds that coordinate prevention on their territory (State services, Département, CCAPEX). */
export const COORDINATING_KINDS: readonly string[] = ['etat', 'departement', 'ccapex'];
/** Partner kinds that may run campaigns (CAF, State services, Département, CCAPEX). */
export const CAMPAIGN_KINDS: readonly string[] = ['caf', 'etat', 'departement', 'ccapex'];
/** Landlords, who push arrears alerts (one by one or by file). */
export const LANDLORD_KINDS: readonly string[] = ['bailleur_social', 'bailleur_prive'];

/** Any valid API key, whatever its scopes. */
export const ANY_SCOPE = '*';

/**
 * How the resource limits an allowed principal:
 * - `none`: nothing beyond scope, role and partner kind;
 * - `own_partner`: the resource belongs to the principal's organisation;
 * - `territory`: the resource lies in one of the principal's territories;
 * - `household`: a household of the principal's territories that its organisation holds a record
 *   of, or any household there for a coordinating organisation (State, Département, CCAPEX) and for
 *   a call platform's agents;
 * - `household_holder`: a household its organisation holds a record of;
 * - `four_eyes`: own organisation, and the principal did not create it.
 */
export type ResourceRule = 'none' | 'own_partner' | 'territory' | 'household' | 'household_holder' | 'four_eyes';

export interface ActionRule {
  /** French description, for the roles table in the docs and the admin page. */
  label: string;
  /** The scope an API key needs (`*`: any key); null: API keys may never do it. */
  scope: string | null;
  /** People's roles that may do it. */
  roles: readonly Role[];
  /** When set, the principal's organisation must be of one of these kinds (platform staff excepted). */
  partnerKinds?: readonly string[];
  resource: ResourceRule;
  /** Admins and operators are not bound by the resource rule (they belong to no organisation). */
  platformWide?: boolean;
}

const PARTNER_PEOPLE: readonly Role[] = ['partner_staff', 'commissaire', 'call_agent'];

/** Every access decision Unisson makes, by action. Part of the one policy: `decide` reads only this. */
export const ACTION_RULES = {
  // Partners' submissions (existing routes).
  'alert.submit': { label: 'Envoyer une alerte d’impayé', scope: 'alerts:write', roles: [], resource: 'none' },
  'stage_event.submit': { label: 'Signaler une étape de la procédure', scope: 'events:write', roles: [], resource: 'none' },
  'intent.submit': { label: 'Demander à informer un foyer', scope: 'intents:write', roles: [], resource: 'none' },
  'submission.read': { label: 'Suivre ses envois', scope: ANY_SCOPE, roles: [], resource: 'own_partner' },
  // Household data.
  'household.plan.read': {
    label: 'Lire le plan de contacts d’un foyer',
    scope: 'plans:read',
    roles: PARTNER_PEOPLE,
    resource: 'household',
  },
  'household.shared_view.read': {
    label: 'Lire la vue partagée d’un foyer (champs de l’accord de partage)',
    scope: 'households:read',
    roles: PARTNER_PEOPLE,
    resource: 'household',
  },
  'household.export': {
    label: 'Exporter les données d’un foyer (droit d’accès)',
    scope: 'households:rights',
    roles: ['partner_staff', 'admin'],
    resource: 'household_holder',
    platformWide: true,
  },
  'household.contacts.correct': {
    label: 'Corriger les coordonnées d’un foyer (droit de rectification)',
    scope: 'households:rights',
    roles: ['partner_staff', 'admin'],
    resource: 'household_holder',
    platformWide: true,
  },
  'household.opt_out.write': {
    label: 'Enregistrer l’opposition d’un foyer à un canal',
    scope: 'households:rights',
    roles: ['partner_staff', 'call_agent', 'admin'],
    resource: 'household',
    platformWide: true,
  },
  'household.call.place': {
    label: 'Appeler un foyer depuis Unisson (mise en relation, le numéro de l’organisme affiché)',
    scope: 'calls:write',
    roles: ['partner_staff', 'call_agent'],
    resource: 'household',
  },
  // Household matching review (existing routes).
  'linkage.review.read': { label: 'Voir les rapprochements à vérifier', scope: 'linkage:review', roles: [], resource: 'territory' },
  'linkage.review.decide': { label: 'Décider d’un rapprochement', scope: 'linkage:review', roles: [], resource: 'territory' },
  // Integrations.
  'bulk_import.create': {
    label: 'Déposer un fichier d’alertes',
    scope: 'alerts:write',
    roles: ['partner_staff'],
    partnerKinds: LANDLORD_KINDS,
    resource: 'none',
  },
  'bulk_import.read': {
    label: 'Suivre un dépôt de fichier',
    scope: ANY_SCOPE,
    roles: ['partner_staff', 'admin', 'operator'],
    resource: 'own_partner',
    platformWide: true,
  },
  'webhook_endpoint.manage': {
    label: 'Gérer ses adresses de notification (webhooks)',
    scope: 'webhooks:manage',
    roles: ['partner_staff', 'admin'],
    resource: 'own_partner',
    platformWide: true,
  },
  'webhook_delivery.read': {
    label: 'Lire le journal de ses notifications',
    scope: 'webhooks:manage',
    roles: ['partner_staff', 'admin', 'operator'],
    resource: 'own_partner',
    platformWide: true,
  },
  // Campaigns (CAF, State services, Département, CCAPEX).
  'campaign.create': {
    label: 'Préparer une campagne',
    scope: 'campaigns:write',
    roles: ['partner_staff'],
    partnerKinds: CAMPAIGN_KINDS,
    resource: 'territory',
  },
  'campaign.read': {
    label: 'Voir une campagne et ses résultats',
    scope: 'campaigns:write',
    roles: ['partner_staff', 'admin', 'operator'],
    resource: 'own_partner',
    platformWide: true,
  },
  'campaign.change': {
    label: 'Modifier, soumettre, lancer ou mettre en pause une campagne',
    scope: 'campaigns:write',
    roles: ['partner_staff'],
    partnerKinds: CAMPAIGN_KINDS,
    resource: 'own_partner',
  },
  'campaign.approve': {
    label: 'Approuver une campagne (une autre personne que son auteur)',
    scope: null,
    roles: ['partner_staff'],
    partnerKinds: CAMPAIGN_KINDS,
    resource: 'four_eyes',
  },
  'campaign.cancel': {
    label: 'Annuler une campagne',
    scope: 'campaigns:write',
    roles: ['partner_staff', 'admin'],
    resource: 'own_partner',
    platformWide: true,
  },
  // Call and visit tasks (libs/tasks): the teams of a partner, worked by its people and its keys.
  'task.work': {
    label: 'Travailler les appels et visites de ses équipes (liste, prise, résultat)',
    scope: 'tasks:work',
    roles: ['call_agent', 'partner_staff'],
    resource: 'own_partner',
  },
  'task_team.manage': {
    label: 'Créer les équipes d’appels et de visites des partenaires',
    scope: null,
    roles: ['admin'],
    resource: 'none',
  },
  // One's own session.
  'session.own': {
    label: 'Voir son espace et se déconnecter',
    scope: null,
    roles: ROLES,
    resource: 'none',
  },
  // Administration.
  'partner.manage': { label: 'Gérer les partenaires', scope: null, roles: ['admin'], resource: 'none' },
  'api_key.manage': { label: 'Émettre, renouveler, révoquer des clés API', scope: null, roles: ['admin'], resource: 'none' },
  'account.manage': { label: 'Gérer les comptes des personnes', scope: null, roles: ['admin'], resource: 'none' },
  'sharing_agreement.manage': { label: 'Gérer les accords de partage', scope: null, roles: ['admin'], resource: 'none' },
  'sharing_agreement.read': {
    label: 'Lire les accords de partage de son territoire',
    scope: ANY_SCOPE,
    roles: ['partner_staff', 'commissaire', 'call_agent', 'analyst', 'admin'],
    resource: 'territory',
    platformWide: true,
  },
  'audit.read': { label: 'Consulter le journal d’audit', scope: null, roles: ['admin'], resource: 'none' },
  // Letters.
  'letter.return.record': {
    label: 'Enregistrer un courrier revenu (NPAI) par son code de suivi',
    scope: null,
    roles: ['partner_staff', 'operator', 'admin'],
    resource: 'none',
  },
  'notice.read': {
    label: 'Obtenir la notice commune d’une étape et d’un territoire (PDF)',
    scope: ANY_SCOPE,
    roles: [...PARTNER_PEOPLE, 'operator', 'admin'],
    resource: 'territory',
    platformWide: true,
  },
  'notice.household.read': {
    label: 'Obtenir la notice commune personnalisée pour un foyer (seulement les procédures où l’on intervient)',
    scope: ANY_SCOPE,
    roles: PARTNER_PEOPLE,
    resource: 'household_holder',
  },
  // Operations and aggregates.
  'template.review': {
    label: 'Relire les modèles de messages (constats du contrôle, versions et différences)',
    scope: ANY_SCOPE,
    roles: [...PARTNER_PEOPLE, 'operator', 'admin'],
    resource: 'none',
  },
  'dashboard.view': {
    label: 'Tableaux de bord d’exploitation (files, chiffres agrégés)',
    scope: null,
    roles: ['operator', 'admin'],
    resource: 'none',
  },
  'analytics.read': {
    label: 'Chiffres agrégés (jamais un foyer)',
    scope: 'analytics:read',
    roles: ['analyst', 'operator', 'admin'],
    resource: 'none',
  },
  // Experiments and outcomes (issue 12).
  'experiment.manage': {
    label: 'Déclarer ou arrêter une expérience de messages (variantes, groupe témoin)',
    scope: null,
    roles: ['analyst', 'admin'],
    resource: 'none',
  },
  'outcome.report': {
    label: 'Signaler une issue pour un foyer (DSF, audience, plan d’apurement, FSL, départ…)',
    scope: 'events:write',
    roles: ['partner_staff'],
    resource: 'household',
  },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTION_RULES;
export const ACTIONS = Object.keys(ACTION_RULES) as Action[];

export function ruleOf(action: Action): ActionRule {
  return ACTION_RULES[action];
}
