import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessPolicy, Action, AUTHORIZED_ACTION, KeyPrincipal, Principal } from '@unisson/access';
import { RedirectError, UnissonError } from '@unisson/platform';
import { AuthenticationService, SessionPrincipal } from '../authentication.service';
import { PartnerPrincipal } from '../domain/api-scope';
import { sameToken, SESSION_COOKIE } from '../domain/sign-in';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { parseCookies } from './session-cookies';
import { PUBLIC_ROUTE, WEB_PAGE } from './auth.decorators';

interface GuardedRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  ip?: string;
  body?: unknown;
  principal?: PartnerPrincipal;
  actor?: Principal;
  session?: SessionPrincipal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function keyPrincipalOf(p: PartnerPrincipal): KeyPrincipal {
  return {
    type: 'api_key',
    keyId: p.keyId,
    partnerId: p.partnerId,
    partnerKind: p.partnerKind,
    territories: p.territories,
    scopes: p.scopes,
  };
}

/**
 * Global guard: every route needs an identity unless it is `@Public()`. Machines present an API
 * key; people a session cookie (HttpOnly, SameSite=Strict) and, on every form or call that
 * changes something, the session's CSRF token. Every other route names its action with
 * `@Authorize(action)` and the one policy (libs/access) decides, for keys and people alike; a
 * route that names none is refused (closed by default).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyAuthenticator,
    private readonly sessions: AuthenticationService,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const action = this.reflector.getAllAndOverride<Action | undefined>(AUTHORIZED_ACTION, targets);
    const isPage = this.reflector.getAllAndOverride<boolean>(WEB_PAGE, targets) ?? false;
    if (isPublic) {
      // Public pages still learn who is signed in (the operators' dashboards accept a session).
      await this.identify(request).catch(() => undefined);
      return true;
    }
    const actor = await this.identify(request);
    if (!actor) {
      if (isPage) throw new RedirectError(`/connexion?suivant=${encodeURIComponent(request.url)}`);
      throw new UnissonError(
        'UNAUTHENTICATED',
        'Identifiez-vous : clé API (Authorization: Bearer uk_…) ou connexion sur /connexion pour les pages.',
        401,
      );
    }
    // A page is for a person: with an API key it would have no session to render (sign in instead).
    if (isPage && actor.type !== 'person') throw new RedirectError(`/connexion?suivant=${encodeURIComponent(request.url)}`);
    if (!action) {
      throw new UnissonError(
        'ROUTE_WITHOUT_POLICY',
        'Cette route ne déclare aucune action du contrôle d’accès (@Authorize) : elle est fermée. Signalez-le à l’équipe Unisson.',
        403,
      );
    }
    if (actor.type === 'person' && !SAFE_METHODS.has(request.method)) this.checkCsrf(request);
    this.policy.assertMayAttempt(actor, action);
    return true;
  }

  private async identify(request: GuardedRequest): Promise<Principal | undefined> {
    if (this.keys.presented(request.headers)) {
      const principal = await this.keys.authenticate(request.headers, request.ip ?? 'unknown');
      request.principal = principal;
      request.actor = keyPrincipalOf(principal);
      return request.actor;
    }
    const session = await this.sessions.resolveSession(parseCookies(request.headers.cookie)[SESSION_COOKIE]);
    if (!session) return undefined;
    request.session = session;
    request.actor = session;
    return session;
  }

  private checkCsrf(request: GuardedRequest): void {
    const fromBody = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>)._csrf : undefined;
    const given = request.headers['x-csrf-token'] || (typeof fromBody === 'string' ? fromBody : undefined);
    if (!sameToken(given, request.session!.csrfToken)) {
      throw new UnissonError(
        'CSRF_TOKEN_INVALID',
        'Jeton anti-falsification (CSRF) absent ou faux : rechargez la page et recommencez (les scripts envoient X-CSRF-Token).',
        403,
      );
    }
  }
}
