/**
 * THE AUTHORIZATION MATRIX: one entry per route the API serves (`METHOD /path` exactly as Fastify
 * has it, or a family `METHOD /prefix*`), with who may call it and what each caller gets.
 * `authorization-matrix.e2e-spec.ts` enumerates the server's routes at runtime and fails on a route
 * missing here (the message gives the entry to add) or an entry matching no route.
 *
 * Rules (see matrix.ts): nobody → 401 (pages: 303 to /connexion, API keys too); a caller not in `allowed` → 403;
 * an allowed caller on another partner's resource → 404 (the same as an unknown one) unless in
 * `seesOthers`; otherwise `ok`. `except` pins the answers that differ, by caller.
 */
import type { RouteExpectation } from './matrix';
import { KEYS, PersonWho, Who } from './principals';

const PARTNER_STAFF: readonly PersonWho[] = ['agent:bailleur_social', 'agent:caf', 'agent:etat'];
const PARTNER_PEOPLE: readonly PersonWho[] = [...PARTNER_STAFF, 'commissaire', 'charge_appels'];
const ALL_PEOPLE: readonly PersonWho[] = [...PARTNER_PEOPLE, 'analyste', 'operateur', 'admin'];
const ANY_KEY: readonly Who[] = [...KEYS, 'cle:sans-permission'];
const PLATFORM: readonly Who[] = ['admin', 'operateur'];
const LANDLORD_KEYS: readonly Who[] = ['cle:bailleur_social', 'cle:bailleur_prive'];
const COORDINATING_KEYS: readonly Who[] = ['cle:etat', 'cle:departement', 'cle:ccapex'];
const CAMPAIGN_KEYS: readonly Who[] = ['cle:caf', ...COORDINATING_KEYS];
const CAMPAIGN_STAFF: readonly Who[] = ['agent:caf', 'agent:etat'];
/** Coordinating organisations and call agents see every household of their territory. */
const TERRITORY_WIDE: readonly Who[] = [...COORDINATING_KEYS, 'agent:etat', 'charge_appels'];
const NOT_CAMPAIGN_KEYS = KEYS.filter((k) => !CAMPAIGN_KEYS.includes(k));
const every = (who: readonly Who[], answer: number) => Object.fromEntries(who.map((w) => [w, answer]));
const kindOf = (who: Who) => who.replace(/^(cle|agent):/, '');

const ADMIN_ONLY = { allowed: ['admin'] } as const;
const TASK_PEOPLE: readonly Who[] = [...PARTNER_STAFF, 'charge_appels'];
const TASK_WORKERS: readonly Who[] = [...KEYS, ...TASK_PEOPLE];
const PUBLIC = { public: true } as const;
/** Aggregates: analysts, Unisson's operators and admins, and API keys holding analytics:read. */
const ANALYTICS_READERS: readonly Who[] = [...ANY_KEY.filter((k) => k !== 'cle:sans-permission'), 'analyste', ...PLATFORM];

export const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = {
  // ---------------------------------------------------------------- public
  'GET /': { ...PUBLIC, ok: 200 },
  'GET /health/live': { ...PUBLIC, ok: 200 },
  'GET /health/ready': { ...PUBLIC, ok: 200 },
  'GET /connexion': { ...PUBLIC, ok: 200 },
  'POST /connexion': { ...PUBLIC, ok: 403, form: true, body: { email: 'x@y.z', password: 'pas le bon' }, note: 'no sign-in CSRF cookie' },
  'POST /v1/sessions': { ...PUBLIC, ok: 400, note: 'empty body: the field is named' },
  'GET /v1/sessions/current': { ...PUBLIC, ok: 401, except: every(ALL_PEOPLE, 200) },
  'POST /v1/webhooks/twilio/message-status': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'POST /v1/webhooks/twilio/inbound-sms': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'GET /v1/templates': { ...PUBLIC, ok: 200, note: 'sample data only' },
  'GET /v1/templates/:key/preview': { ...PUBLIC, ok: 200, params: { key: 'first_arrears_information' } },
  // The review workflow: sample data only, but it is a working tool of partners' staff and Unisson's team.
  'GET /v1/templates/review': { allowed: [...ANY_KEY, ...PARTNER_PEOPLE, ...PLATFORM], ok: 200, query: 'locale=ar&findings=any' },
  'GET /v1/templates/:key/versions': {
    allowed: [...ANY_KEY, ...PARTNER_PEOPLE, ...PLATFORM],
    ok: 200,
    params: { key: 'hearing_reminder' },
    query: 'channel=sms&locale=es',
  },
  'GET /modeles/relecture': { page: true, allowed: [...PARTNER_PEOPLE, ...PLATFORM], ok: 200 },
  'GET /modeles/relecture/:key': { page: true, allowed: [...PARTNER_PEOPLE, ...PLATFORM], ok: 200, params: { key: 'hearing_reminder' } },
  'GET /templates/preview': { ...PUBLIC, ok: 200 },
  'GET /docs*': { ...PUBLIC, ok: 200, params: { '*': 'swagger-ui.css' } },
  'GET /docs/LICENSE': { ...PUBLIC, ok: 404, note: 'swagger-ui-dist ships no LICENSE file: the static route answers 404' },
  // Operators' dashboards: an operator's or admin's session, or the operators' Basic credentials.
  'GET /tableau-de-bord': { ...PUBLIC, ok: 401, except: every(PLATFORM, 200) },
  'GET /queues*': {
    ...PUBLIC,
    ok: 401,
    except: every(PLATFORM, 200),
    params: { queueName: 'coordination', jobId: '1', queueStatus: 'failed', '*': 'favicon.ico' },
    note: 'bull-board, read by operators and admins only',
  },
  'GET /queues/api/queues/:queueName/:jobId*': {
    ...PUBLIC,
    ok: 401,
    except: every(PLATFORM, 404),
    params: { queueName: 'coordination', jobId: 'aucun' },
    note: 'no such job',
  },
  'GET /queues/api/queues/:queueName/:jobId/logs': {
    ...PUBLIC,
    ok: 401,
    except: every(PLATFORM, 200),
    params: { queueName: 'coordination', jobId: 'aucun' },
    note: 'no such job: no logs',
  },
  'PUT /queues*': { ...PUBLIC, ok: 405, params: { queueName: 'coordination', jobId: '1', queueStatus: 'failed' }, note: 'read-only' },
  'POST /queues*': { ...PUBLIC, ok: 405, params: { queueName: 'coordination', jobId: '1', queueStatus: 'failed' }, note: 'read-only' },
  'PATCH /queues*': { ...PUBLIC, ok: 405, params: { queueName: 'coordination', jobId: '1', queueStatus: 'failed' }, note: 'read-only' },

  // ---------------------------------------------------------------- one's own session
  'GET /espace': { page: true, allowed: ALL_PEOPLE, ok: 200 },
  'POST /deconnexion': { page: true, allowed: ALL_PEOPLE, ok: 303, last: true },

  // ---------------------------------------------------------------- partners' submissions (API keys)
  'POST /v1/alerts': {
    allowed: KEYS,
    ok: 404,
    except: every(LANDLORD_KEYS, 202),
    body: {
      partnerRef: 'MATRICE-ALERTE',
      tenant: { lastName: 'Matrice', firstName: 'Alerte' },
      address: { street: '1 rue de la Matrice', postalCode: '93200', city: 'Saint-Denis' },
      lease: { housingSector: 'social', monthlyRent: 500 },
      arrears: { amount: 1000, firstUnpaidOn: '2026-10-05' },
    },
    note: 'a household it does not know yet: only landlords report a first unpaid rent (404 says nothing of the household)',
  },
  'POST /v1/stage-events': {
    allowed: KEYS,
    ok: 202,
    body: (who) => ({ partnerRef: `MATRICE-${kindOf(who)}`, type: 'dette_soldee', occurredOn: '2026-11-20' }),
    note: 'every organisation A holds a record of the household it names',
  },
  'POST /v1/intents': {
    allowed: KEYS,
    ok: 202,
    body: (who) => ({ partnerRef: `MATRICE-${kindOf(who)}`, purpose: 'offreTravailleurSocialBailleur' }),
  },
  'GET /v1/submissions/:id': { allowed: ANY_KEY, ok: 200, resource: 'submission' },

  // ---------------------------------------------------------------- household data
  'GET /v1/households/:id/plan': {
    allowed: [...KEYS, ...PARTNER_PEOPLE],
    ok: 200,
    resource: 'household',
    seesOthers: TERRITORY_WIDE,
  },
  'GET /v1/households/:id/shared-view': {
    allowed: [...KEYS, ...PARTNER_PEOPLE],
    ok: 200,
    resource: 'household',
    seesOthers: TERRITORY_WIDE,
  },
  'GET /v1/households/:id/export': { allowed: [...KEYS, ...PARTNER_STAFF, 'admin'], ok: 200, resource: 'household', seesOthers: ['admin'] },
  'PATCH /v1/households/:id/contacts': {
    allowed: [...KEYS, ...PARTNER_STAFF, 'admin'],
    ok: 200,
    resource: 'household',
    seesOthers: ['admin'],
    body: { email: 'nouvelle.adresse@example.org' },
  },
  'POST /v1/households/:id/opt-outs': {
    allowed: [...KEYS, ...PARTNER_STAFF, 'charge_appels', 'admin'],
    ok: 200,
    resource: 'household',
    seesOthers: [...TERRITORY_WIDE, 'admin'],
    body: { channel: 'email' },
  },

  // ---------------------------------------------------------------- household matching review (API keys)
  'GET /v1/linkage/review': { allowed: KEYS, ok: 200 },
  'GET /v1/linkage/review/records/:recordId/links': { allowed: KEYS, ok: 200, resource: 'linkage_record', param: 'recordId' },
  'POST /v1/linkage/review/decisions': { allowed: KEYS, ok: 400, note: 'empty body: past the policy, the fields are named' },

  // ---------------------------------------------------------------- bulk import of alerts
  'POST /v1/alerts/imports': {
    allowed: [...LANDLORD_KEYS, 'agent:bailleur_social'],
    ok: [400, 415],
    note: 'no file: past the policy, the upload is refused',
  },
  'GET /v1/alerts/imports': { allowed: [...ANY_KEY, ...PARTNER_STAFF, ...PLATFORM], ok: 200 },
  'GET /v1/alerts/imports/:id': {
    allowed: [...ANY_KEY, ...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'bulk_import',
    seesOthers: PLATFORM,
  },
  'GET /v1/alerts/imports/:id/errors': {
    allowed: [...ANY_KEY, ...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'bulk_import',
    seesOthers: PLATFORM,
  },
  'GET /imports': { page: true, allowed: [...PARTNER_STAFF, ...PLATFORM], ok: 200 },

  // ---------------------------------------------------------------- webhooks
  'POST /v1/webhooks/endpoints': {
    allowed: [...KEYS, ...PARTNER_STAFF, 'admin'],
    ok: 201,
    except: { admin: 400 },
    body: { url: 'https://bailleur.example.org/unisson/webhooks', events: ['intent.merged'] },
    note: 'an admin names the partner (partnerId)',
  },
  'GET /v1/webhooks/endpoints': { allowed: [...KEYS, ...PARTNER_STAFF, 'admin'], ok: 200, except: { admin: 400 } },
  'DELETE /v1/webhooks/endpoints/:id': {
    allowed: [...KEYS, ...PARTNER_STAFF, 'admin'],
    ok: 204,
    resource: 'webhook_endpoint',
    seesOthers: ['admin'],
  },
  'POST /v1/webhooks/endpoints/:id/test': {
    allowed: [...KEYS, ...PARTNER_STAFF, 'admin'],
    ok: [200, 202],
    resource: 'webhook_endpoint',
    seesOthers: ['admin'],
  },
  'GET /v1/webhooks/deliveries': { allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM], ok: 200, except: every(PLATFORM, 400) },

  // ---------------------------------------------------------------- campaigns (CAF, State, Département, CCAPEX)
  'POST /v1/campaigns/audience-preview': {
    allowed: [...CAMPAIGN_KEYS, ...CAMPAIGN_STAFF],
    ok: 200,
    body: { stage: 'premier_impaye', territory: '93' },
  },
  'POST /v1/campaigns': {
    allowed: [...CAMPAIGN_KEYS, ...CAMPAIGN_STAFF],
    ok: 201,
    body: {
      name: 'Campagne de la matrice',
      purpose: 'offreTravailleurSocialBailleur',
      target: { stage: 'premier_impaye', territory: '93' },
    },
  },
  'GET /v1/campaigns': { allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM], ok: 200 },
  'GET /v1/campaigns/:id': { allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM], ok: 200, resource: 'campaign', seesOthers: PLATFORM },
  'GET /v1/campaigns/:id/audience': {
    allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'campaign',
    seesOthers: PLATFORM,
  },
  'GET /v1/campaigns/:id/results': {
    allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'campaign',
    seesOthers: PLATFORM,
  },
  'PATCH /v1/campaigns/:id': {
    allowed: [...CAMPAIGN_KEYS, ...CAMPAIGN_STAFF],
    ok: 200,
    resource: 'campaign',
    body: { name: 'Campagne renommée' },
  },
  'POST /v1/campaigns/:id/:command': {
    allowed: [...KEYS, ...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'campaign',
    params: { command: 'submit' },
    except: { ...every([...NOT_CAMPAIGN_KEYS, 'agent:bailleur_social', ...PLATFORM], 403) },
    note: 'the route reads the campaign; the command (submit) needs campaign.change: CAF, State, Département, CCAPEX only',
  },
  'GET /campagnes': { page: true, allowed: [...PARTNER_STAFF, ...PLATFORM], ok: 200 },
  'POST /campagnes': {
    page: true,
    allowed: CAMPAIGN_STAFF,
    ok: [303, 400],
    form: true,
    body: { name: 'Campagne de la matrice', purpose: 'offreTravailleurSocialBailleur', stage: 'premier_impaye', territory: '93' },
  },
  'GET /campagnes/:id': {
    page: true,
    allowed: [...PARTNER_STAFF, ...PLATFORM],
    ok: 200,
    resource: 'campaign',
    seesOthers: PLATFORM,
  },
  'POST /campagnes/:id/action': {
    page: true,
    allowed: [...PARTNER_STAFF, ...PLATFORM],
    ok: 303,
    resource: 'campaign',
    form: true,
    body: { command: 'submit' },
    except: { ...every(['agent:bailleur_social', ...PLATFORM], 403) },
  },

  // ---------------------------------------------------------------- administration (admins only)
  'GET /v1/admin/partners': { ...ADMIN_ONLY, ok: 200 },
  'POST /v1/admin/partners': {
    ...ADMIN_ONLY,
    ok: 201,
    body: { slug: 'matrice-nouveau', name: 'Nouveau partenaire', kind: 'association', territories: ['93'] },
  },
  'PATCH /v1/admin/partners/:id': { ...ADMIN_ONLY, ok: 200, resource: 'partner', seesOthers: ['admin'], body: { name: 'Renommé' } },
  'GET /v1/admin/partners/:id/keys': { ...ADMIN_ONLY, ok: 200, resource: 'partner', seesOthers: ['admin'] },
  'POST /v1/admin/partners/:id/keys': {
    ...ADMIN_ONLY,
    ok: 201,
    resource: 'partner',
    seesOthers: ['admin'],
    body: { label: 'Matrice', scopes: ['alerts:write'] },
  },
  'GET /v1/admin/partners/:id/postal-address': {
    ...ADMIN_ONLY,
    ok: 404,
    resource: 'partner',
    seesOthers: ['admin'],
    note: 'the matrix’s partner is an association: it has no postal address (a private landlord’s is read in letters.e2e-spec)',
  },
  'DELETE /v1/admin/partners/:id/postal-address': {
    ...ADMIN_ONLY,
    ok: 404,
    resource: 'partner',
    seesOthers: ['admin'],
    note: 'the matrix’s partner is an association: no address to forget (a private landlord’s is forgotten in landlord-letters.e2e-spec)',
  },
  'PUT /v1/admin/partners/:id/postal-address': {
    ...ADMIN_ONLY,
    ok: 409,
    resource: 'partner',
    seesOthers: ['admin'],
    body: { name: 'M. Jean Lefèvre', street: '8 avenue de la République', postalCode: '91300', city: 'Massy' },
    note: 'only a private landlord (bailleur_prive) has a postal address: the matrix’s association gets NOT_A_PRIVATE_LANDLORD',
  },
  'POST /v1/admin/keys/:id/rotation': { ...ADMIN_ONLY, ok: 201, resource: 'api_key', seesOthers: ['admin'], body: { overlapHours: 0 } },
  'POST /v1/admin/keys/:id/revocation': { ...ADMIN_ONLY, ok: 200, resource: 'api_key', seesOthers: ['admin'] },
  'GET /v1/admin/accounts': { ...ADMIN_ONLY, ok: 200 },
  'POST /v1/admin/accounts': {
    ...ADMIN_ONLY,
    ok: 201,
    body: {
      email: 'nouveau@matrice.test',
      displayName: 'Nouvel opérateur',
      role: 'operator',
      partnerId: null,
      password: 'un mot de passe assez long et sûr',
    },
  },
  'PATCH /v1/admin/accounts/:id': { ...ADMIN_ONLY, ok: 200, resource: 'account', seesOthers: ['admin'], body: { unlock: true } },
  'GET /v1/admin/sharing-agreements': { ...ADMIN_ONLY, ok: 200 },
  'PUT /v1/admin/sharing-agreements': { ...ADMIN_ONLY, ok: 200, body: { territory: '93', partnerKind: 'ccas', fields: ['stage'] } },
  'GET /v1/admin/audit': { ...ADMIN_ONLY, ok: 200 },
  'GET /v1/sharing-agreements': {
    allowed: [...ANY_KEY, ...PARTNER_PEOPLE, 'analyste', 'admin'],
    ok: 200,
    query: 'territory=93',
  },
  'GET /admin': { ...ADMIN_ONLY, page: true, ok: 200 },
  'GET /admin/journal': { ...ADMIN_ONLY, page: true, ok: 200 },
  'POST /admin/partenaires': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    form: true,
    body: { slug: 'matrice-page', name: 'Partenaire de la page', kind: 'association', territories: '93' },
  },
  'GET /admin/partenaires/:id': { ...ADMIN_ONLY, page: true, ok: 200, resource: 'partner', seesOthers: ['admin'] },
  'POST /admin/partenaires/:id': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    resource: 'partner',
    seesOthers: ['admin'],
    form: true,
    body: { name: 'Renommé', territories: '93' },
  },
  'POST /admin/partenaires/:id/adresse': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    resource: 'partner',
    seesOthers: ['admin'],
    form: true,
    body: { name: 'M. Jean Lefèvre', street: '8 avenue de la République', postalCode: '91300', city: 'Massy' },
    note: 'back to the partner page (the matrix’s association gets the French error there: not a private landlord)',
  },
  'POST /admin/partenaires/:id/cles': {
    ...ADMIN_ONLY,
    page: true,
    ok: 201,
    resource: 'partner',
    seesOthers: ['admin'],
    form: true,
    body: { label: 'Matrice', scopes: 'alerts:write' },
  },
  'POST /admin/cles/:id/renouveler': { ...ADMIN_ONLY, page: true, ok: 201, resource: 'api_key', seesOthers: ['admin'], form: true },
  'POST /admin/cles/:id/revoquer': { ...ADMIN_ONLY, page: true, ok: 303, resource: 'api_key', seesOthers: ['admin'], form: true },
  'GET /admin/comptes': { ...ADMIN_ONLY, page: true, ok: 200 },
  'POST /admin/comptes': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    form: true,
    body: { email: 'page@matrice.test', displayName: 'Compte de la page', role: 'operator', password: 'un mot de passe assez long' },
  },
  'POST /admin/comptes/:id': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    resource: 'account',
    seesOthers: ['admin'],
    form: true,
    body: { action: 'unlock' },
  },
  'GET /admin/accords': { ...ADMIN_ONLY, page: true, ok: 200 },
  'POST /admin/accords': {
    ...ADMIN_ONLY,
    page: true,
    ok: 303,
    form: true,
    body: { territory: '93', partnerKind: 'ccas', fields: 'stage' },
  },

  // ---------------------------------------------------------------- voice, e-mail (signed by the provider or the link itself)
  'POST /v1/webhooks/twilio/call-status': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'POST /v1/voice/messages/:id/twiml': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'POST /v1/voice/messages/:id/keypress': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'POST /v1/voice/click-to-call/:id/twiml': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'POST /v1/voice/click-to-call/:id/dial-ended': { ...PUBLIC, ok: 403, note: 'no Twilio signature' },
  'GET /v1/email/link': { ...PUBLIC, ok: 404, note: 'no signed link: an invalid link page' },
  'GET /v1/email/unsubscribe': { ...PUBLIC, ok: 404, note: 'no signed token' },
  'POST /v1/email/unsubscribe': { ...PUBLIC, ok: 404, note: 'no signed token' },
  'POST /v1/webhooks/email/bounces': { ...PUBLIC, ok: 400, note: 'not a delivery status notification' },
  // Click-to-call (household rule). TODO: own/other households once a call fixture exists; the
  // unknown ids below show the route-level rule (and that an unknown call is a 404).
  'POST /v1/households/:id/calls': { allowed: [...KEYS, ...PARTNER_STAFF, 'charge_appels'], ok: 400, note: 'empty body' },
  'GET /v1/households/:id/calls/:callId': { allowed: [...KEYS, ...PARTNER_STAFF, 'charge_appels'], ok: 404, note: 'unknown call' },

  // ---------------------------------------------------------------- call and visit tasks (task.work: own organisation's teams)
  'POST /v1/admin/task-teams': { ...ADMIN_ONLY, ok: 400, note: 'empty body' },
  'GET /v1/task-teams': { allowed: TASK_WORKERS, ok: 200 },
  'GET /v1/task-teams/:teamId/tasks': { allowed: TASK_WORKERS, ok: 404, note: 'unknown team (another organisation’s answers the same)' },
  'POST /v1/task-teams/:teamId/claims': { allowed: TASK_WORKERS, ok: [400, 404] },
  'GET /v1/tasks/:taskId': { allowed: TASK_WORKERS, ok: 404 },
  'POST /v1/tasks/:taskId/start': { allowed: TASK_WORKERS, ok: [400, 404] },
  'POST /v1/tasks/:taskId/release': { allowed: TASK_WORKERS, ok: [400, 404] },
  'POST /v1/tasks/:taskId/outcome': { allowed: TASK_WORKERS, ok: [400, 404] },
  'POST /v1/tasks/:taskId/complete': { allowed: TASK_WORKERS, ok: [400, 404] },
  'GET /appels': { page: true, allowed: TASK_PEOPLE, ok: 200 },
  'GET /appels/equipes/:teamId': { page: true, allowed: TASK_PEOPLE, ok: 404 },
  'POST /appels/equipes/:teamId/prendre': { page: true, allowed: TASK_PEOPLE, ok: [303, 400, 404], form: true },
  'POST /appels/taches/:taskId/commencer': { page: true, allowed: TASK_PEOPLE, ok: [303, 400, 404], form: true },
  'POST /appels/taches/:taskId/rendre': { page: true, allowed: TASK_PEOPLE, ok: [303, 400, 404], form: true },
  'POST /appels/taches/:taskId/resultat': { page: true, allowed: TASK_PEOPLE, ok: [303, 400, 404], form: true },
  'POST /appels/taches/:taskId/clore': { page: true, allowed: TASK_PEOPLE, ok: [303, 400, 404], form: true },

  // ---------------------------------------------------------------- the household's response page (its token is the key)
  'GET /r/:token': { ...PUBLIC, ok: 404, params: { token: 'jeton-inconnu' }, note: 'unknown token: the same page for everyone' },
  'POST /r/:token/:action': { ...PUBLIC, ok: [400, 403, 404], params: { token: 'jeton-inconnu', action: 'rappel' }, form: true },

  // ---------------------------------------------------------------- letters and the shared notice
  'POST /v1/letters/returns': { allowed: [...PARTNER_STAFF, ...PLATFORM], ok: 400, note: 'empty body: the tracking code is named' },
  'GET /courriers/retours': { page: true, allowed: [...PARTNER_STAFF, ...PLATFORM], ok: 200 },
  'POST /courriers/retours': {
    page: true,
    allowed: [...PARTNER_STAFF, ...PLATFORM],
    ok: 400,
    form: true,
    note: 'empty form: the page says it is not a tracking code',
  },
  'POST /v1/webhooks/letters': { ...PUBLIC, ok: 403, note: 'no letter service signature' },
  'GET /v1/notices/:stage': {
    allowed: [...ANY_KEY, ...PARTNER_PEOPLE, ...PLATFORM],
    ok: 200,
    params: { stage: 'commandement_de_payer' },
    query: 'territory=93&locale=fr',
    note: 'the notice of a stage and territory, not personalised',
  },

  // ---------------------------------------------------------------- aggregates for analysts (never a household)
  'GET /v1/analytics/report': { allowed: ANALYTICS_READERS, ok: 200 },
  'GET /v1/analytics/report.csv': { allowed: ANALYTICS_READERS, ok: 200 },
  'GET /v1/analytics/charter': { allowed: ANALYTICS_READERS, ok: 200 },
  'GET /v1/analytics/charter.csv': { allowed: ANALYTICS_READERS, ok: 200 },
  'GET /v1/experiments': { allowed: ANALYTICS_READERS, ok: 200 },
  'GET /v1/experiments/:id/report': { allowed: ANALYTICS_READERS, ok: 404, note: 'unknown experiment' },
  'POST /v1/experiments': { allowed: ['analyste', 'admin'], ok: 400, note: 'empty body: the fields are named' },
  'POST /v1/experiments/:id/stop': { allowed: ['analyste', 'admin'], ok: [400, 404], note: 'unknown experiment' },
  'GET /analyse': { page: true, allowed: ['analyste', ...PLATFORM], ok: 200 },
  'GET /analyse/charte': { page: true, allowed: ['analyste', ...PLATFORM], ok: 200 },
  'POST /v1/households/:id/outcomes': {
    allowed: [...KEYS, ...PARTNER_STAFF],
    ok: [200, 201],
    resource: 'household',
    seesOthers: [...COORDINATING_KEYS, 'agent:etat'],
    // One event id per caller and household: the same id for another household is another event, refused (422 EVENT_ID_REUSED).
    body: (who, path) => ({ kind: 'dsf_done', occurredAt: '2026-11-20T10:00:00.000Z', eventId: `matrice-${who}-${path.split('/')[3]}` }),
    note: 'a partner reports an outcome for a household it holds a record of; coordinating organisations for any of their territory',
  },
};
