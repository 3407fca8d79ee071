import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { UnissonError } from '@unisson/platform';
import { FailedAttempts, OPERATOR_LOGIN_POLICY } from './failed-attempts';

/** The operators' Basic login of the dashboards (queues, overview), with lockout and backoff. */
@Injectable()
export class OperatorLogin {
  constructor(
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 401 (wrong or missing credentials) or 429 (locked out); returns when the operator may in. */
  async verify(authorization: string | undefined, client: string): Promise<void> {
    await this.attempts.refuseIfLocked('operator-login', client, OPERATOR_LOGIN_POLICY);
    const expected = Buffer.from(`${this.config.security.dashboardUser}:${this.config.security.dashboardPassword}`);
    const given = Buffer.from(authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString() : '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      await this.attempts.recordSuccess('operator-login', client);
      return;
    }
    // A browser first asks without credentials: that is no failed attempt.
    if (authorization) await this.attempts.recordFailure('operator-login', client, OPERATOR_LOGIN_POLICY);
    throw new UnissonError('OPERATOR_LOGIN_REQUIRED', 'Identifiant opérateur requis (celui des files de travail).', 401);
  }
}
