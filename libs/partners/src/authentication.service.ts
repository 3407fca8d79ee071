import { Inject, Injectable } from '@nestjs/common';
import type { PersonPrincipal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { AccountsRepository } from './accounts.repository';
import { DECOY_PASSWORD_HASH, verifyPassword } from './domain/password';
import {
  csrfTokenOf,
  lockUntilAfterFailure,
  newSessionToken,
  normalizedEmail,
  SESSION_TTL_MS,
  SIGN_IN_CLIENT_POLICY,
  SIGN_IN_EMAIL_POLICY,
  signInEmailKey,
  SignInRefusal,
  signInRefusal,
  sessionTokenHash,
} from './domain/sign-in';
import { FailedAttempts } from './http/failed-attempts';

export type SignInResult = { ok: true; token: string; expiresAt: Date } | SignInRefusal;

/** A signed-in person, with the session the cookie named. */
export type SessionPrincipal = PersonPrincipal & { sessionId: string; csrfToken: string };

/** Redis lockout checks of sign-ins (see SIGN_IN_EMAIL_POLICY, SIGN_IN_CLIENT_POLICY). */
const EMAIL_CHECK = 'sign-in-email';
const CLIENT_CHECK = 'sign-in-client';

/**
 * People's sign-in: scrypt passwords, sessions stored hashed, lockout with backoff per e-mail as
 * typed (an account or not: the answers never tell which addresses have one) and per client
 * address (password spraying).
 */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditTrail,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `client` is the caller's address (request.ip). */
  async signIn(emailInput: string, password: string, client: string, correlationId: string | null): Promise<SignInResult> {
    const email = normalizedEmail(emailInput);
    const emailKey = signInEmailKey(email, this.config.security.appSecret);
    const account = await this.accounts.findSignInAccount(email);
    const now = Date.now();
    const audit = (outcome: 'success' | 'denied') =>
      this.audit.record({
        actor: null,
        action: 'account.sign_in',
        subjectType: 'account',
        subjectId: account?.id ?? '(inconnu)',
        outcome,
        correlationId,
      });
    const accountLockMs = (lockedUntil: Date | null | undefined) => Math.max(0, (lockedUntil?.getTime() ?? 0) - now);

    const locked = signInRefusal({
      clientMs: await this.attempts.lockAfterAttempt(CLIENT_CHECK, client, SIGN_IN_CLIENT_POLICY),
      emailMs: Math.max(await this.attempts.remainingLock(EMAIL_CHECK, emailKey), accountLockMs(account?.lockedUntil)),
    });
    if (locked.reason !== 'invalid') {
      await verifyPassword(password, DECOY_PASSWORD_HASH); // same time as a real check
      await audit('denied');
      return locked;
    }
    // Without an account, the decoy hash: same time as a real check, and never a match.
    if (!account || !(await verifyPassword(password, account.passwordHash))) {
      const clientMs = await this.attempts.countFailure(CLIENT_CHECK, client, SIGN_IN_CLIENT_POLICY);
      let emailMs = await this.attempts.countFailure(EMAIL_CHECK, emailKey, SIGN_IN_EMAIL_POLICY);
      if (account) {
        const failures = account.failedAttempts + 1;
        const lockedUntil = lockUntilAfterFailure(failures, now);
        await this.accounts.recordFailedSignIn(account.id, failures, lockedUntil);
        emailMs = Math.max(emailMs, accountLockMs(lockedUntil));
      } else {
        await verifyPassword(password, DECOY_PASSWORD_HASH);
      }
      await audit('denied');
      return signInRefusal({ clientMs, emailMs });
    }
    await this.attempts.recordSuccess(EMAIL_CHECK, emailKey);
    await this.accounts.recordSignIn(account.id);
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await this.accounts.insertSession(account.id, tokenHash, expiresAt);
    await audit('success');
    return { ok: true, token, expiresAt };
  }

  /** Lifts the e-mail's sign-in lockout (an admin unlocked the account or set its password). */
  async forgetFailedSignIns(email: string): Promise<void> {
    await this.attempts.forget(EMAIL_CHECK, signInEmailKey(email, this.config.security.appSecret));
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
