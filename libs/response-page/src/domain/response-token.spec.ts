import { randomBytes } from 'node:crypto';
import { nonceFromToken, TOKEN_LENGTH, tokenFromNonce } from './response-token';

const secret = 'a-test-secret-of-some-length';

describe('response tokens', () => {
  it('carries 128 random bits and an HMAC, 32 URL-safe characters, rebuilt identically from the nonce', () => {
    const nonce = randomBytes(16).toString('hex');
    const token = tokenFromNonce(secret, nonce);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(TOKEN_LENGTH).toBe(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenFromNonce(secret, nonce)).toBe(token);
    expect(nonceFromToken(secret, token)).toBe(nonce);
  });

  it('turns away altered, truncated or foreign tokens', () => {
    const nonce = randomBytes(16).toString('hex');
    const token = tokenFromNonce(secret, nonce);
    const flipped = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    expect(nonceFromToken(secret, flipped)).toBeNull();
    expect(nonceFromToken(secret, token.slice(0, -1))).toBeNull();
    expect(nonceFromToken(secret, `${token}A`)).toBeNull();
    expect(nonceFromToken('another-secret-entirely', token)).toBeNull();
    expect(nonceFromToken(secret, '../../../../etc/passwd.........')).toBeNull();
    expect(nonceFromToken(secret, '')).toBeNull();
  });

  it('gives different tokens for different nonces', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => tokenFromNonce(secret, randomBytes(16).toString('hex'))));
    expect(tokens.size).toBe(200);
  });
});
