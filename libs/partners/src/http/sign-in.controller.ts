import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ACTION_RULES, Action, Authorize, mayAttempt, Principal, ROLE_LABELS } from '@unisson/access';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ApiAnswer, ApiErrors, ApiJsonBody, html, parseOrThrow, renderPage, UnissonError } from '@unisson/platform';
import { AuthenticationService, SessionPrincipal } from '../authentication.service';
import { LOGIN_CSRF_COOKIE, lockoutNotice, sameToken } from '../domain/sign-in';
import { signInSchema, sessionViewSchema } from './admin.openapi';
import { Public, WebPage } from './auth.decorators';
import {
  addCookie,
  clearSessionCookie,
  cookieIsSecure,
  parseCookies,
  safeNextPath,
  serializeCookie,
  setSessionCookie,
} from './session-cookies';

type SessionRequest = FastifyRequest & { session?: SessionPrincipal; actor?: Principal };

/** Where each person starts, by what the policy lets them do (the page lists only those). */
const SPACE_LINKS: Array<[Action, string, string]> = [
  ['partner.manage', '/admin', 'Administration : partenaires, clés, comptes, accords de partage'],
  ['audit.read', '/admin/journal', 'Journal d’audit'],
  ['dashboard.view', '/tableau-de-bord', 'Tableau de bord d’exploitation'],
  ['dashboard.view', '/queues', 'Files de travail'],
  ['campaign.create', '/campagnes', 'Campagnes'],
  ['campaign.read', '/campagnes', 'Campagnes (suivi)'],
  ['bulk_import.read', '/imports', 'Dépôts de fichiers d’alertes'],
  ['analytics.read', '/analyse', 'Analyse : réponses par variante, entonnoir, expériences, indicateurs de la charte'],
  ['task.work', '/appels', 'Appels et visites : les listes de travail de vos équipes'],
  ['template.review', '/modeles/relecture', 'Relecture des modèles de messages : constats, versions et différences'],
];

function signInForm(csrf: string, next: string, problem: string | null): string {
  return renderPage(
    { title: 'Connexion', notice: problem ? { kind: 'error', text: problem } : null },
    html`<form method="post" action="/connexion">
        <input type="hidden" name="_csrf" value="${csrf}" /><input type="hidden" name="suivant" value="${next}" />
        <label>Adresse électronique <input type="email" name="email" autocomplete="username" required /></label>
        <label>Mot de passe <input type="password" name="password" autocomplete="current-password" required /></label>
        <p><button>Se connecter</button></p>
      </form>
      <p class="muted">${lockoutNotice()} Mot de passe perdu : demandez à votre administrateur Unisson.</p>`,
  );
}

/** What a person reads when a sign-in is refused for a while (the API and the form say the same). */
function refusalMessage(refusal: { reason: 'locked' | 'throttled'; retryAfterSeconds: number }): string {
  return refusal.reason === 'locked'
    ? `Trop d’essais : compte bloqué encore ${refusal.retryAfterSeconds} s. Réessayez ensuite, ou demandez à votre administrateur de le débloquer.`
    : `Trop de connexions échouées depuis votre adresse : réessayez dans ${refusal.retryAfterSeconds} s. Si votre mot de passe est perdu, demandez à votre administrateur Unisson.`;
}

@ApiTags('access')
@Controller()
export class SignInController {
  constructor(
    private readonly auth: AuthenticationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('connexion')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  page(@Query('suivant') next: unknown, @Res({ passthrough: true }) reply: FastifyReply): string {
    const csrf = randomBytes(24).toString('base64url');
    addCookie(reply, serializeCookie(LOGIN_CSRF_COOKIE, csrf, { path: '/connexion', secure: cookieIsSecure(this.config) }));
    return signInForm(csrf, safeNextPath(next, '/espace'), null);
  }

  @Post('connexion')
  @Public()
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async submit(@Req() request: SessionRequest, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const next = safeNextPath(body?.suivant, '/espace');
    const csrf = parseCookies(request.headers.cookie)[LOGIN_CSRF_COOKIE];
    const retry = (status: number, problem: string) => {
      const fresh = randomBytes(24).toString('base64url');
      addCookie(reply, serializeCookie(LOGIN_CSRF_COOKIE, fresh, { path: '/connexion', secure: cookieIsSecure(this.config) }));
      void reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .send(signInForm(fresh, next, problem));
    };
    if (!csrf || !sameToken(typeof body?._csrf === 'string' ? body._csrf : undefined, csrf)) {
      return retry(403, 'Le formulaire a expiré : saisissez à nouveau vos identifiants.');
    }
    const result = await this.auth.signIn(String(body?.email ?? ''), String(body?.password ?? ''), request.ip, String(request.id));
    if (!result.ok) {
      if (result.reason !== 'invalid') void reply.header('retry-after', String(result.retryAfterSeconds));
      return result.reason === 'invalid' ? retry(401, 'Adresse ou mot de passe incorrect.') : retry(429, refusalMessage(result));
    }
    setSessionCookie(reply, this.config, result.token, result.expiresAt);
    void reply.status(303).header('location', next).send();
  }

  @Post('deconnexion')
  @WebPage()
  @Authorize('session.own')
  @ApiExcludeEndpoint()
  async signOut(@Req() request: SessionRequest, @Res() reply: FastifyReply): Promise<void> {
    if (request.session) await this.auth.signOut(request.session);
    clearSessionCookie(reply, this.config);
    void reply.status(303).header('location', '/connexion').send();
  }

  @Get('espace')
  @WebPage()
  @Authorize('session.own')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  space(@Req() request: SessionRequest): string {
    const session = request.session;
    if (!session) throw new UnissonError('SIGN_IN_REQUIRED', 'Connectez-vous sur /connexion.', 401);
    const links = SPACE_LINKS.filter(([action]) => mayAttempt(session, action).allow);
    const unique = [...new Map(links.map((l) => [l[1], l])).values()];
    const allowed = (Object.keys(ACTION_RULES) as Action[]).filter((a) => mayAttempt(session, a).allow);
    return renderPage(
      {
        title: 'Votre espace',
        session: { label: ROLE_LABELS[session.role], csrfToken: session.csrfToken },
        nav: unique.map(([, href, label]) => [href, label.split(' :')[0]]),
      },
      html`<p>
          Rôle :
          <strong>${ROLE_LABELS[session.role]}</strong
          >${session.territories.length ? html` — territoires ${session.territories.join(', ')}` : ''}.
        </p>
        <ul>
          ${unique.map(([, href, label]) => html`<li><a href="${href}">${label}</a></li>`)}
        </ul>
        <h2>Ce que votre rôle permet</h2>
        <ul>
          ${allowed.map((a) => html`<li>${ACTION_RULES[a].label}</li>`)}
        </ul>`,
    );
  }

  @Post('v1/sessions')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Ouvrir une session (personnes) : pose le cookie de session et donne le jeton CSRF',
    description: 'Pour les scripts d’administration : renvoyez le cookie et l’en-tête X-CSRF-Token sur chaque requête qui modifie.',
  })
  @ApiJsonBody('SignIn', signInSchema, { email: 'admin@unisson.local', password: '…' })
  @ApiAnswer(201, 'Session', sessionViewSchema, {
    accountId: '4d5e6f70-0000-4000-8000-000000000003',
    role: 'admin',
    partnerId: null,
    csrfToken: 'q1w2e3…',
    expiresAt: '2026-12-01T18:30:00.000Z',
  })
  @ApiErrors(400, 401, 429)
  async openSession(@Req() request: SessionRequest, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseOrThrow(signInSchema, body);
    const result = await this.auth.signIn(input.email, input.password, request.ip, String(request.id));
    if (!result.ok) {
      if (result.reason === 'invalid') throw new UnissonError('SIGN_IN_FAILED', 'Adresse ou mot de passe incorrect.', 401);
      void reply.header('retry-after', String(result.retryAfterSeconds));
      throw new UnissonError(result.reason === 'locked' ? 'ACCOUNT_LOCKED' : 'TOO_MANY_ATTEMPTS', refusalMessage(result), 429);
    }
    setSessionCookie(reply, this.config, result.token, result.expiresAt);
    const session = (await this.auth.resolveSession(result.token))!;
    return {
      accountId: session.accountId,
      role: session.role,
      partnerId: session.partnerId,
      csrfToken: session.csrfToken,
      expiresAt: result.expiresAt.toISOString(),
    };
  }

  @Get('v1/sessions/current')
  @Public()
  @ApiCookieAuth('session')
  @ApiOperation({ summary: 'La session en cours (rôle, jeton CSRF)' })
  @ApiAnswer(200, 'Session', sessionViewSchema, {
    accountId: '4d5e6f70-0000-4000-8000-000000000003',
    role: 'admin',
    partnerId: null,
    csrfToken: 'q1w2e3…',
    expiresAt: '2026-12-01T18:30:00.000Z',
  })
  @ApiErrors(401)
  current(@Req() request: SessionRequest) {
    const s = request.session;
    if (!s) throw new UnissonError('UNAUTHENTICATED', 'Aucune session : ouvrez-en une avec POST /v1/sessions.', 401);
    return { accountId: s.accountId, role: s.role, partnerId: s.partnerId, csrfToken: s.csrfToken, expiresAt: null };
  }
}
