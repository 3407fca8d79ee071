import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a response link (`/r/<token>`): 16 random bytes (128 bits, the link's nonce,
 * stored) followed by the first 8 bytes of an HMAC-SHA256 of the nonce under the application
 * secret, in base64url (32 characters). The page finds the link by its nonce; the HMAC lets it
 * turn away a made-up token before touching the database, and means a copy of the table alone
 * (without the secret) does not give the links.
 */
export const TOKEN_NONCE_BYTES = 16;
const TOKEN_MAC_BYTES = 8;
export const TOKEN_LENGTH = Math.ceil(((TOKEN_NONCE_BYTES + TOKEN_MAC_BYTES) * 8) / 6);

function mac(secret: string, nonce: Buffer): Buffer {
  return createHmac('sha256', secret).update('unisson.response-link.v1').update(nonce).digest().subarray(0, TOKEN_MAC_BYTES);
}

/** The token of a link from its stored nonce (hex). Deterministic: the same link always gets the same token. */
export function tokenFromNonce(secret: string, nonceHex: string): string {
  const nonce = Buffer.from(nonceHex, 'hex');
  if (nonce.length !== TOKEN_NONCE_BYTES) throw new Error('a response link nonce is 16 bytes');
  return Buffer.concat([nonce, mac(secret, nonce)]).toString('base64url');
}

/** The nonce (hex) a token carries when its HMAC is right; null for anything else. */
export function nonceFromToken(secret: string, token: string): string | null {
  if (token.length !== TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== TOKEN_NONCE_BYTES + TOKEN_MAC_BYTES) return null;
  const nonce = raw.subarray(0, TOKEN_NONCE_BYTES);
  const expected = mac(secret, nonce);
  return timingSafeEqual(expected, raw.subarray(TOKEN_NONCE_BYTES)) ? nonce.toString('hex') : null;
}
