import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LockoutPolicy } from '@unisson/platform';

/**
 * Sign-in rules as pure functions: lockout with backoff, session tokens, CSRF tokens.
 * The 5th wrong password in a row locks the account 1 minute, each further one 2, 4… up to
 * 1 hour; a right password after the lock resets the count.
 */
export const LOCKOUT = { freeAttempts: 5, firstLockMs: 60_000, maxLockMs: 3_600_000 };

export function lockUntilAfterFailure(failedAttempts: number, now: number): Date | null {
  if (failedAttempts < LOCKOUT.freeAttempts) return null;
  const lockMs = Math.min(LOCKOUT.maxLockMs, LOCKOUT.firstLockMs * 2 ** (failedAttempts - LOCKOUT.freeAttempts));
  return new Date(now + lockMs);
}

/**
 * The lockout as the sign-in page tells it, from `LOCKOUT`: the lock comes with the 5th wrong
 * password itself (`lockUntilAfterFailure(5)`), not after it, and doubles with each further one.
 */
export function lockoutNotice(): string {
  const { freeAttempts, firstLockMs, maxLockMs } = LOCKOUT;
  const nth = freeAttempts === 1 ? '1er' : `${freeAttempts}e`;
  const minutes = (ms: number) => ms / 60_000;
  return (
    `Au ${nth} mot de passe faux de suite, le compte est bloqué ${frenchDuration(firstLockMs)}, ` +
    `puis ${minutes(firstLockMs * 2)}, ${minutes(firstLockMs * 4)}… minutes à chaque nouvel essai faux, jusqu’à ${frenchDuration(maxLockMs)}.`
  );
}

function frenchDuration(ms: number): string {
  const [count, unit] = ms % 3_600_000 === 0 ? [ms / 3_600_000, 'heure'] : [ms / 60_000, 'minute'];
  return `${count} ${unit}${count > 1 ? 's' : ''}`;
}

/**
 * The same rule for an e-mail as typed, counted in Redis whether or not an account has it: an
 * unknown address locks exactly like a real one, so the answers never tell which exist. (The
 * account's own count above stays the record admins see and unlock, and the rule while Redis is
 * away.) Failures older than a day are forgotten.
 */
export const SIGN_IN_EMAIL_POLICY: LockoutPolicy = {
  threshold: LOCKOUT.freeAttempts,
  windowMs: 24 * 3600_000,
  baseLockMs: LOCKOUT.firstLockMs,
  maxLockMs: LOCKOUT.maxLockMs,
};

/**
 * Wrong sign-ins from one client address, whatever the e-mails (password spraying): twenty in
 * 15 minutes lock the address 1 minute, doubled per further attempt, up to 1 hour. Twenty leaves
 * room for an office of people behind one address mistyping their passwords.
 */
export const SIGN_IN_CLIENT_POLICY: LockoutPolicy = { threshold: 20, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3_600_000 };

/** The e-mail as the lockout counts it: trimmed, lower-case, keyed-hashed (no address is stored in Redis). */
export function signInEmailKey(emailInput: string, appSecret: string): string {
  return createHmac('sha256', appSecret)
    .update(`sign-in:${normalizedEmail(emailInput)}`)
    .digest('base64url');
}

export function normalizedEmail(emailInput: string): string {
  return emailInput.trim().toLowerCase();
}

export type SignInRefusal =
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * What a refused sign-in answers, from the locks in force (ms, 0 = none): the client address's
 * lock first (too many failures from there, whatever the e-mails), then the e-mail's. The
 * e-mail's lock is the same whether or not an account has that address.
 */
export function signInRefusal(locks: { clientMs: number; emailMs: number }): SignInRefusal {
  if (locks.clientMs > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(locks.clientMs / 1000) };
  if (locks.emailMs > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(locks.emailMs / 1000) };
  return { ok: false, reason: 'invalid' };
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
