import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sign-in rules as pure functions: lockout with backoff, session tokens, CSRF tokens.
 * After 5 wrong passwords in a row the account is locked 1 minute, then 2, 4… up to 1 hour per
 * further failure; a right password after the lock resets the count.
 */
export const LOCKOUT = { freeAttempts: 5, firstLockMs: 60_000, maxLockMs: 3_600_000 };

export function lockUntilAfterFailure(failedAttempts: number, now: number): Date | null {
  if (failedAttempts < LOCKOUT.freeAttempts) return null;
  const lockMs = Math.min(LOCKOUT.maxLockMs, LOCKOUT.firstLockMs * 2 ** (failedAttempts - LOCKOUT.freeAttempts));
  return new Date(now + lockMs);
}

export const SESSION_TTL_MS = 8 * 3600_000;
export const SESSION_COOKIE = 'unisson_session';
export const LOGIN_CSRF_COOKIE = 'unisson_login_csrf';

/** A new session token for the cookie, and the hash stored in the database. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sessionTokenHash(token) };
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a session: forms carry it in `_csrf`, scripts in `X-CSRF-Token`. */
export function csrfTokenOf(sessionId: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`csrf:${sessionId}`).digest('base64url');
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
