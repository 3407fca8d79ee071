import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { UnissonError } from '@unisson/platform';
import { ApiScope, hasScopes, PartnerPrincipal } from '../domain/api-scope';
import { parseApiKey, secretMatches } from '../domain/api-key';
import { PartnersRepository } from '../partners.repository';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './auth.decorators';
import { FailedAttempts, FORGERY_POLICY } from './failed-attempts';

const CACHE_MS = 30_000;

/**
 * Global guard: every route needs a valid partner API key unless it is marked `@Public()`.
 * Keys are read from `Authorization: Bearer uk_…` or `X-Api-Key`. Verified keys are cached
 * briefly so the hot path does not hit the database on every alert.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new Map<string, { principal: PartnerPrincipal; hash: string; until: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly partners: PartnersRepository,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      ip?: string;
      principal?: PartnerPrincipal;
    }>();
    const principal = await this.authenticate(request.headers, request.ip ?? 'unknown');
    const required = this.reflector.getAllAndOverride<ApiScope[]>(REQUIRED_SCOPES, targets) ?? [];
    if (!hasScopes(principal, required)) {
      throw new UnissonError(
        'FORBIDDEN_SCOPE',
        `This API key may not do this: it lacks the scope(s) ${required.join(', ')}. Ask your Unisson administrator for a key with them.`,
        403,
      );
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(headers: Record<string, string | undefined>, client: string): Promise<PartnerPrincipal> {
    const bearer = headers.authorization?.replace(/^Bearer\s+/i, '');
    const parsed = parseApiKey(headers['x-api-key'] ?? bearer);
    if (!parsed) {
      throw new UnissonError(
        'UNAUTHENTICATED',
        'Missing or malformed API key: send "Authorization: Bearer uk_…" with the key your Unisson administrator gave you.',
        401,
      );
    }
    const cached = this.cache.get(parsed.prefix);
    if (cached && cached.until > Date.now() && secretMatches(parsed.secret, cached.hash, this.config.security.appSecret)) {
      return cached.principal;
    }
    // Guessing keys: a client that keeps presenting unknown keys is locked out (429) for a while.
    await this.attempts.refuseIfLocked('api-key', client, FORGERY_POLICY);
    const row = await this.partners.findActiveKeyByPrefix(parsed.prefix);
    if (!row || !secretMatches(parsed.secret, row.secretHash, this.config.security.appSecret)) {
      await this.attempts.recordFailure('api-key', client, FORGERY_POLICY);
      throw new UnissonError('UNAUTHENTICATED', 'Unknown or revoked API key. Check the key or ask for a new one.', 401);
    }
    const principal: PartnerPrincipal = {
      partnerId: row.partnerId,
      partnerKind: row.partnerKind,
      territory: row.territory,
      keyId: row.keyId,
      scopes: row.scopes,
    };
    this.cache.set(parsed.prefix, { principal, hash: row.secretHash, until: Date.now() + CACHE_MS });
    return principal;
  }
}
