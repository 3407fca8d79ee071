import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { UnissonError } from '@unisson/platform';
import type { PartnerPrincipal } from '../domain/api-scope';
import { parseApiKey, secretMatches } from '../domain/api-key';
import { PartnersRepository } from '../partners.repository';
import { FailedAttempts, FORGERY_POLICY } from './failed-attempts';

const CACHE_MS = 30_000;

/**
 * Turns `Authorization: Bearer uk_…` (or `X-Api-Key`) into the partner's principal. Verified keys
 * are cached 30 s so the hot path does not hit the database on every alert; a revoked key, or the
 * keys of a disabled partner, therefore stop working within 30 s, at once in the process that
 * revoked or disabled them (other API processes keep their copy until it expires).
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { principal: PartnerPrincipal; hash: string; until: number }>();

  constructor(
    private readonly partners: PartnersRepository,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when the request carries something meant as an API key. */
  presented(headers: Record<string, string | undefined>): boolean {
    return Boolean(headers['x-api-key'] || /^Bearer\s+/i.test(headers.authorization ?? ''));
  }

  /** `client` (the caller's address) is locked out for a while after repeated unknown keys. */
  async authenticate(headers: Record<string, string | undefined>, client: string): Promise<PartnerPrincipal> {
    const bearer = headers.authorization?.replace(/^Bearer\s+/i, '');
    const parsed = parseApiKey(headers['x-api-key'] ?? bearer);
    if (!parsed) {
      throw new UnissonError(
        'UNAUTHENTICATED',
        'Clé d’API absente ou mal formée : envoyez l’en-tête Authorization: Bearer uk_… avec la clé que l’administrateur de votre organisation vous a remise.',
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
      this.cache.delete(parsed.prefix);
      await this.attempts.recordFailure('api-key', client, FORGERY_POLICY);
      throw new UnissonError(
        'UNAUTHENTICATED',
        'Clé API inconnue, expirée ou révoquée. Vérifiez la clé, ou demandez-en une nouvelle à l’administrateur de votre organisation.',
        401,
      );
    }
    const principal: PartnerPrincipal = {
      partnerId: row.partnerId,
      partnerKind: row.partnerKind,
      territory: row.territory,
      territories: row.territories?.length ? row.territories : [row.territory],
      keyId: row.keyId,
      scopes: row.scopes,
    };
    this.cache.set(parsed.prefix, { principal, hash: row.secretHash, until: Date.now() + CACHE_MS });
    return principal;
  }

  /** Forget a key at once in this process (after a revocation). */
  forget(prefix: string): void {
    this.cache.delete(prefix);
  }

  /** Forget every key of a partner at once in this process (after it was disabled or changed). */
  forgetPartner(partnerId: string): void {
    for (const [prefix, entry] of this.cache) if (entry.principal.partnerId === partnerId) this.cache.delete(prefix);
  }
}
