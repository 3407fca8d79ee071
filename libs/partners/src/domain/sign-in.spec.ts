import { DECOY_PASSWORD_HASH, hashPassword, passwordProblem, verifyPassword } from './password';
import { csrfTokenOf, lockUntilAfterFailure, sameToken, signInEmailKey, signInRefusal } from './sign-in';
import { keyIsUsable } from './api-key';

describe('passwords', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('un mot de passe très long');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('un mot de passe très long', stored)).toBe(true);
    expect(await verifyPassword('un mot de passe tres long', stored)).toBe(false);
    expect(await hashPassword('un mot de passe très long')).not.toBe(stored);
  });

  it('never accepts anything against the decoy hash', async () => {
    expect(await verifyPassword('', DECOY_PASSWORD_HASH)).toBe(false);
  });

  it.each([
    ['court', 'admin@unisson.local', /12 caractères/],
    ['aaaaaaaaaaaaaaaa', 'admin@unisson.local', /répétitif/],
    ['marie.durand-2026!', 'marie.durand@caf.fr', /identifiant/],
  ])('refuses %p', (password, email, reason) => {
    expect(passwordProblem(password, email)).toMatch(reason);
  });
});

describe('lockout with backoff', () => {
  const now = 1_000_000;
  it.each([
    [4, null],
    [5, 60_000],
    [6, 120_000],
    [7, 240_000],
    [20, 3_600_000],
  ])('after %i failures locks for %p ms', (failures, ms) => {
    const until = lockUntilAfterFailure(failures, now);
    expect(until === null ? null : until.getTime() - now).toBe(ms);
  });
});

describe('refused sign-ins', () => {
  it.each([
    [
      { clientMs: 0, emailMs: 0 },
      { ok: false, reason: 'invalid' },
    ],
    [
      { clientMs: 0, emailMs: 59_001 },
      { ok: false, reason: 'locked', retryAfterSeconds: 60 },
    ],
    [
      { clientMs: 120_000, emailMs: 60_000 },
      { ok: false, reason: 'throttled', retryAfterSeconds: 120 },
    ],
  ])('with locks %p answers %p', (locks, refusal) => {
    expect(signInRefusal(locks)).toEqual(refusal);
  });

  it('counts an e-mail as typed, whatever its spaces and capitals, without keeping the address', () => {
    const key = signInEmailKey('marie.durand@caf.fr', 'secret-secret-secret');
    expect(signInEmailKey('  Marie.Durand@CAF.fr ', 'secret-secret-secret')).toBe(key);
    expect(signInEmailKey('marie.durand2@caf.fr', 'secret-secret-secret')).not.toBe(key);
    expect(key).not.toContain('durand');
  });
});

describe('CSRF and keys', () => {
  it('binds the CSRF token to the session and the secret', () => {
    const token = csrfTokenOf('session-1', 'secret-secret-secret');
    expect(sameToken(token, csrfTokenOf('session-1', 'secret-secret-secret'))).toBe(true);
    expect(sameToken(token, csrfTokenOf('session-2', 'secret-secret-secret'))).toBe(false);
    expect(sameToken(undefined, token)).toBe(false);
  });

  it('keeps a rotated key working until the end of its overlap', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(keyIsUsable({ revokedAt: null, expiresAt: null }, now)).toBe(true);
    expect(keyIsUsable({ revokedAt: null, expiresAt: new Date(now + 1) }, now)).toBe(true);
    expect(keyIsUsable({ revokedAt: null, expiresAt: new Date(now) }, now)).toBe(false);
    expect(keyIsUsable({ revokedAt: new Date(now - 1), expiresAt: null }, now)).toBe(false);
  });
});
