import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@unisson/config';
import { SESSION_COOKIE } from '../domain/sign-in';

/** Cookies of a request header (`a=1; b=2`), values URL-decoded. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      if (!(name in cookies)) cookies[name] = decodeURIComponent(value);
    } catch {
      /* a malformed cookie is ignored */
    }
  }
  return cookies;
}

export interface CookieOptions {
  path: string;
  secure: boolean;
  expires?: Date;
  maxAgeSeconds?: number;
}

/** A Set-Cookie value: always HttpOnly and SameSite=Strict. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    ...(options.expires ? [`Expires=${options.expires.toUTCString()}`] : []),
    ...(options.maxAgeSeconds !== undefined ? [`Max-Age=${options.maxAgeSeconds}`] : []),
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Adds a Set-Cookie header without dropping the ones already set. */
export function addCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  void reply.header('set-cookie', [...list, cookie]);
}

/**
 * Session cookies are HttpOnly, SameSite=Strict, path /, and Secure — except when the service
 * itself is served over plain http on the loopback address (the local demo), where a Secure
 * cookie would never come back from some clients.
 */
export function cookieIsSecure(config: AppConfig): boolean {
  const url = new URL(config.api.publicBaseUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || !loopback;
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string, expiresAt: Date): void {
  addCookie(reply, serializeCookie(SESSION_COOKIE, token, { path: '/', secure: cookieIsSecure(config), expires: expiresAt }));
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  addCookie(reply, serializeCookie(SESSION_COOKIE, '', { path: '/', secure: cookieIsSecure(config), maxAgeSeconds: 0 }));
}

/** Only a path of this service (never `//elsewhere` or a full URL): no open redirect after sign-in. */
export function safeNextPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}
