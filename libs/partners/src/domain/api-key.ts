import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^uk_([a-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

/** Splits `uk_<prefix>_<secret>`; null when the value is not shaped like a key. */
export function parseApiKey(raw: string | undefined): ParsedApiKey | null {
  if (!raw) return null;
  const match = KEY_PATTERN.exec(raw.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function hashApiSecret(secret: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string, appSecret: string): boolean {
  const actual = Buffer.from(hashApiSecret(secret, appSecret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fresh key; the caller shows `token` once and stores only the hash. */
export function generateApiKey(appSecret: string): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8)
    .padEnd(8, '0');
  const secret = randomBytes(24).toString('base64url');
  return { token: `uk_${prefix}_${secret}`, prefix, secretHash: hashApiSecret(secret, appSecret) };
}

/** How long a rotated key keeps working beside its replacement, unless the admin says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24 * 7;

/** A key works when it is neither revoked nor past the end of its rotation overlap. */
export function keyIsUsable(key: { revokedAt: Date | null; expiresAt: Date | null }, now: number): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt.getTime() > now);
}
