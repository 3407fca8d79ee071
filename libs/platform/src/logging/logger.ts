import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';

/**
 * Paths whose segment is itself a credential: a household's response page (`/r/<token>`, the
 * short link printed on its letters and sent in its SMS) opens that household's page to whoever
 * holds it. Logged as `/r/:token`.
 */
const CREDENTIAL_PATHS: ReadonlyArray<[RegExp, string]> = [[/^\/r\/[^/]+/, '/r/:token']];

/** A request's URL as the logs show it: no query string (tokens, unsubscribe links), no credential in the path. */
export function loggedUrl(url: string): string {
  let path = url.split('?')[0]!;
  for (const [pattern, shown] of CREDENTIAL_PATHS) path = path.replace(pattern, shown);
  return path;
}

/**
 * Structured JSON logs. No personal data: request bodies and query strings are never logged,
 * secrets are redacted, URLs are logged without their query string nor a credential in the path.
 */
export function loggerParams(level: string, service: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      genReqId: (req: IncomingMessage) => {
        const header = req.headers['x-correlation-id'];
        return typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
      },
      customProps: (req: IncomingMessage) => ({ correlationId: (req as { id?: unknown }).id }),
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          url: loggedUrl(req.url ?? ''),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'headers', '*.authorization', '*.password', '*.token'], remove: true },
    },
  };
}
