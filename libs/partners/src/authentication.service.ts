import { Inject, Injectable } from '@nestjs/common';
import type { PersonPrincipal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { AccountsRepository } from './accounts.repository';
import { DECOY_PASSWORD_HASH, verifyPassword } from './domain/password';
import { csrfTokenOf, lockUntilAfterFailure, newSessionToken, SESSION_TTL_MS, sessionTokenHash } from './domain/sign-in';

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** A signed-in person, with the session the cookie named. */
export type SessionPrincipal = PersonPrincipal & { sessionId: string; csrfToken: string };

/** People's sign-in: scrypt passwords, lockout with backoff, sessions stored hashed. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(emailInput: string, password: string, correlationId: string | null): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase();
    const account = await this.accounts.findSignInAccount(email);
    const now = Date.now();
    if (!account) {
      await verifyPassword(password, DECOY_PASSWORD_HASH); // same time as a real check: no account enumeration
      await this.audit.record({
        actor: null,
        action: 'account.sign_in',
        subjectType: 'account',
        subjectId: '(inconnu)',
        outcome: 'denied',
        correlationId,
      });
      return { ok: false, reason: 'invalid' };
    }
    const audit = (outcome: 'success' | 'denied') =>
      this.audit.record({ actor: null, action: 'account.sign_in', subjectType: 'account', subjectId: account.id, outcome, correlationId });
    if (account.lockedUntil && account.lockedUntil.getTime() > now) {
      await verifyPassword(password, DECOY_PASSWORD_HASH);
      await audit('denied');
      return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((account.lockedUntil.getTime() - now) / 1000) };
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      const failures = account.failedAttempts + 1;
      const lockedUntil = lockUntilAfterFailure(failures, now);
      await this.accounts.recordFailedSignIn(account.id, failures, lockedUntil);
      await audit('denied');
      return lockedUntil
        ? { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now) / 1000) }
        : { ok: false, reason: 'invalid' };
    }
    await this.accounts.recordSignIn(account.id);
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await this.accounts.insertSession(account.id, tokenHash, expiresAt);
    await audit('success');
    return { ok: true, token, expiresAt };
  }

  async resolveSession(token: string | undefined): Promise<SessionPrincipal | null> {
    if (!token || token.length < 20 || token.length > 100) return null;
    const row = await this.accounts.findActiveSession(sessionTokenHash(token));
    if (!row) return null;
    return {
      type: 'person',
      accountId: row.accountId,
      role: row.role,
      partnerId: row.partnerId,
      partnerKind: row.partnerKind,
      territories: row.territories ?? [],
      sessionId: row.sessionId,
      csrfToken: csrfTokenOf(row.sessionId, this.config.security.appSecret),
    };
  }

  async signOut(session: SessionPrincipal): Promise<void> {
    await this.accounts.revokeSession(session.sessionId);
  }
}
