import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens carried by links in messages (one-click unsubscribe, tracked links): the fields in
 * base64url JSON and an HMAC-SHA256 over the purpose and the fields, keyed by APP_SECRET. A
 * token made for one purpose is refused for another; a changed character is refused.
 */
export type TokenPurpose = 'email-unsubscribe' | 'email-link';

function mac(secret: string, purpose: TokenPurpose, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}.${payload}`).digest();
}

export function signToken(secret: string, purpose: TokenPurpose, fields: Record<string, string>): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

/** The token's fields, or null when it was not signed by us for this purpose. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string): Record<string, string> | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 4096) return null;
  const expected = mac(secret, purpose, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null;
    const entries = Object.entries(fields as Record<string, unknown>);
    return entries.every(([, v]) => typeof v === 'string') ? (Object.fromEntries(entries) as Record<string, string>) : null;
  } catch {
    return null;
  }
}
