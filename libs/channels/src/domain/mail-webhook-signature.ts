import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a bounce report's signature timestamp may be from now (replays are refused). */
export const MAIL_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

function mac(secret: string, timestamp: string, envelopeTo: string, message: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${envelopeTo}.${message}`).digest('hex');
}

/** `X-Unisson-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.envelopeTo.message">` (the mail server's side). */
export function signMailWebhook(secret: string, envelopeTo: string, message: string, at: Date = new Date()): string {
  const t = String(Math.floor(at.getTime() / 1000));
  return `t=${t},v1=${mac(secret, t, envelopeTo, message)}`;
}

export function isValidMailWebhookSignature(
  secret: string,
  header: string | undefined,
  envelopeTo: string,
  message: string,
  now: Date = new Date(),
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.t ?? '';
  const given = parts.v1 ?? '';
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() - Number(t) * 1000) > MAIL_SIGNATURE_TOLERANCE_MS) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(mac(secret, t, envelopeTo, message), 'hex'));
}
