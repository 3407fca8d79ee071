import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';

/**
 * Structured JSON logs. No personal data: request bodies and query strings are never logged,
 * secrets are redacted, URLs are logged without their query string.
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
          url: (req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'headers', '*.authorization', '*.password', '*.token'], remove: true },
    },
  };
}
