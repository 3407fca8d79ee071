import { z } from 'zod';

/**
 * Every setting Unisson reads, with the embedded defaults that make the demo and the tests run
 * on a fresh machine. Production changes only these values (real Twilio, a real SMTP relay, a
 * print-and-post provider), never code.
 */
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const probability = z
  .union([z.literal(''), z.coerce.number().gt(0, 'must be a probability between 0 and 1').lt(1, 'must be a probability between 0 and 1')])
  .default('')
  .transform((value) => (value === '' ? null : value));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** API processes sharing the port (node:cluster); 1 = a single process. */
  API_WORKERS: z.coerce.number().int().min(1).max(32).default(1),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/unisson'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('unisson'),
  SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Unisson <ne-pas-repondre@unisson.local>'),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hexadecimal characters')
    .default('AC00000000000000000000000000000000'),
  TWILIO_AUTH_TOKEN: z.string().min(16).default('unisson-local-twilio-auth-token'),
  /** Empty in production: the SDK then talks to api.twilio.com. Locally: the provider sandbox. */
  TWILIO_BASE_URL: z.union([url(['http', 'https']), z.literal('')]).default('http://127.0.0.1:4010'),
  TWILIO_FROM_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')
    .default('+33700000001'),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_TWILIO_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  /** Secret mixed into API-key hashes and household response tokens. */
  APP_SECRET: z.string().min(16).default('unisson-local-development-secret'),
  /** Basic-auth credentials of the operators' dashboards (queues, previews). */
  DASHBOARD_USER: z.string().min(1).default('operateur'),
  DASHBOARD_PASSWORD: z.string().min(8).default('unisson-demo'),
  /** Household matching: posterior probability of "same household" above which records link, and above which a pair goes to human review. Empty: the model-derived defaults. */
  LINKAGE_LINK_THRESHOLD: probability,
  LINKAGE_REVIEW_THRESHOLD: probability,
  LINKAGE_TARGET_FALSE_LINK_RATE: probability,
  /**
   * The coordination calendar's clock (quiet hours, holidays, legal delays) starts at this instant
   * and runs at normal speed from there. For demos and end-to-end tests only; empty = real time.
   */
  COORDINATION_CLOCK_START: z.union([z.literal(''), z.string().datetime({ offset: true })]).default(''),
  /** Turn the demo seed on for `npm start`. */
  DEMO_SEED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export type RawConfig = z.infer<typeof configSchema>;
