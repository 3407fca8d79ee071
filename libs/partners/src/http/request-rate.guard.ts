import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { describeError, RedisRateLimiter, UnissonError } from '@unisson/platform';
import type { PartnerPrincipal } from '../domain/api-scope';

/**
 * Global guard after the API-key guard: each key may call each route API_RATE_LIMIT_PER_SECOND
 * times a second (bursts of four seconds' worth), counted in Redis across API processes; beyond,
 * 429 with Retry-After. Public routes have their own limits (signatures, operator logins).
 */
@Injectable()
export class RequestRateGuard implements CanActivate {
  private readonly logger = new Logger('RequestRateGuard');
  private unavailable = false;

  constructor(
    private readonly limiter: RedisRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = context.switchToHttp().getRequest<{ principal?: PartnerPrincipal }>().principal;
    if (!principal) return true;
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    let pace: { granted: boolean; waitMs: number };
    try {
      pace = await this.limiter.reserve(`api:${principal.keyId}:${route}`, {
        perSecond: this.config.abuse.apiRequestsPerSecond,
        burstMs: 4_000,
      });
      this.unavailable = false;
    } catch (error) {
      // Redis away: requests go on unlimited rather than all failing (the outage is logged once).
      if (!this.unavailable) this.logger.warn({ err: describeError(error) }, 'rate limits cannot be checked (Redis): not applied');
      this.unavailable = true;
      return true;
    }
    if (!pace.granted) {
      throw UnissonError.tooManyRequests(
        'RATE_LIMITED',
        `Trop de requêtes avec cette clé d’API sur cette route (${this.config.abuse.apiRequestsPerSecond} par seconde au plus) : réessayez après le délai donné par l’en-tête Retry-After (en secondes).`,
        pace.waitMs,
      );
    }
    return true;
  }
}
