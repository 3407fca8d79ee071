import { isIP } from 'node:net';
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

/** One TRUST_PROXY entry: an IPv4/IPv6 address, a CIDR, or one of proxy-addr's named ranges. */
function trustedProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address ?? '');
  if (!version || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** API processes sharing the port (node:cluster); 1 = a single process. */
  API_WORKERS: z.coerce.number().int().min(1).max(32).default(1),
  /**
   * Reverse proxies whose X-Forwarded-For the API believes (the client address lockouts and rate
   * limits count by): empty = none, the peer's address counts; a number = that many proxy hops in
   * front; or their addresses and CIDRs, comma-separated (`10.0.0.5,10.1.0.0/16`; also `loopback`,
   * `linklocal`, `uniquelocal`). Never every address: any client could then name its own.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((value) => value === '' || /^[1-9]$/.test(value) || value.split(',').every((entry) => trustedProxyEntry(entry.trim())), {
      message:
        'must be empty (no proxy), a hop count from 1 to 9, or proxy addresses/CIDRs separated by commas, e.g. 10.0.0.5,10.1.0.0/16 (never "true": any client could then choose its address)',
    })
    .default(''),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/unisson'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** Redis Cluster: its nodes as host:port, comma-separated (REDIS_URL then gives only credentials and TLS). Empty: one Redis. */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^$|^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must list host:port pairs separated by commas, e.g. 10.0.0.1:7000,10.0.0.2:7000')
    .default(''),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,60}$/, 'must be 1 to 60 letters, digits, "_", ":", "." or "-" (it goes into every Redis key)')
    .default('unisson'),
  /** The reconciler rebuilds missing jobs and schedulers from PostgreSQL this often. */
  RECONCILE_EVERY_MS: z.coerce.number().int().min(200).max(300_000).default(10_000),
  /** Planned contacts get their delayed job only when due within this horizon; the reconciler adds the rest as they come due. */
  ENQUEUE_HORIZON_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(30 * 24 * 3600_000)
    .default(6 * 3600_000),
  /** Longest a provider call may take (Twilio HTTP, SMTP socket); a message claimed longer ago than twice this is recovered. */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(15_000),
  /** An SMS with no final status this long after it was sent has its status fetched from the provider (lost callbacks). */
  STATUS_POLL_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 24 * 3600_000)
    .default(10 * 60_000),
  /** The worker touches this file after each reconciler pass (its container health check reads it). Empty: no file. */
  WORKER_HEARTBEAT_FILE: z.string().default(''),
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(16),
  /** SMS parts per second per sending number (Twilio's default outside the US: 10). */
  SMS_PARTS_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(10),
  /** Calls placed per second (Twilio's default per account: 1). */
  CALLS_PER_SECOND: z.coerce.number().min(0.1).max(1_000).default(1),
  /** E-mails per second to the SMTP relay. */
  EMAILS_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(50),
  /** While a provider's circuit is open, a message waiting longer than this goes to the playbook's next channel. */
  FAILOVER_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 24 * 3600_000)
    .default(15 * 60_000),
  /** Requests per second per API key and route (a burst of 4 seconds' worth is allowed). */
  API_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(50),
  SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Unisson <ne-pas-repondre@unisson.local>'),
  /**
   * The relay's log of accepted e-mails, asked by Message-ID after a crash or a timeout past the
   * final dot (Brevo's `GET /v3/smtp/emails?messageId=`; locally the provider sandbox). Empty: no
   * log, an e-mail in doubt is recorded sent, unconfirmed, and never resent.
   */
  MAIL_LOG_URL: z.union([url(['http', 'https']), z.literal('')]).default('http://127.0.0.1:4010'),
  MAIL_LOG_API_KEY: z.string().default('unisson-local-mail-log-key'),
  /** The log may lag behind the relay: "not in the log" is trusted only for a hand-over older than this. */
  MAIL_LOG_SETTLE_MS: z.coerce.number().int().min(0).max(3600_000).default(60_000),
  /** Envelope sender of every e-mail; each message's bounces come back to local+<message id>@domain (VERP). */
  MAIL_RETURN_PATH: z
    .string()
    .regex(/^[^\s@+]+@[^\s@]+\.[^\s@]+$/, 'must be an address without "+", e.g. rebonds@unisson.example')
    .default('rebonds@unisson.local'),
  /** Shared secret signing the bounce reports the mail server forwards to POST /v1/webhooks/email/bounces. */
  MAIL_WEBHOOK_SECRET: z.string().min(16).default('unisson-local-mail-webhook-secret'),
  /** Hosts an e-mail's tracked links may lead to (comma-separated; the API's own host is always allowed). */
  EMAIL_LINK_HOSTS: z
    .string()
    .regex(/^$|^[a-z0-9.-]+(,[a-z0-9.-]+)*$/i, 'must list host names separated by commas, e.g. www.service-public.fr,www.anil.org')
    .default('www.service-public.fr,www.anil.org,www.caf.fr,www.justice.fr,www.mesdroitssociaux.gouv.fr'),
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
  /**
   * Master keys of personal data (envelope encryption): `id:base64` pairs (32-byte keys,
   * `openssl rand -base64 32`), comma-separated, the first one active. Empty = the embedded
   * development key, refused in production.
   */
  UNISSON_MASTER_KEYS: z.string().default(''),
  /** Secret of the keyed blind indexes (phone, e-mail, linkage blocking keys); at least 32 characters. Empty = development secret, refused in production. */
  UNISSON_BLIND_INDEX_KEY: z.union([z.literal(''), z.string().min(32, 'must have at least 32 characters')]).default(''),
  /** Days a household's response link (letters, e-mails, SMS, the shared notice) stays valid. */
  /** Letters: `local` writes each day's print batches under LETTERS_DIR; `online` sends them to the online letter service. */
  LETTER_PROVIDER: z.enum(['local', 'online']).default('local'),
  LETTERS_DIR: z.string().min(1).default('var/letters'),
  /** Paris time after which a letter waits for the next day's batch. */
  LETTER_BATCH_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('16:00'),
  /** When set, a sender's batch is made this long after its first letter of the day instead of at the cut-off (demo, tests). */
  LETTER_BATCH_DELAY_MS: z.union([z.literal(''), z.coerce.number().int().min(0)]).default(''),
  /** The online letter service (Maileva-like): the provider sandbox locally. */
  LETTER_SERVICE_URL: url(['http', 'https']).default('http://127.0.0.1:4012'),
  LETTER_SERVICE_API_KEY: z.string().min(8).default('unisson-local-letter-service-key'),
  /** Signs the letter service's webhooks (HMAC-SHA256). */
  LETTER_WEBHOOK_SECRET: z.string().min(16).default('unisson-local-letter-webhook-secret'),
  SANDBOX_LETTERS_PORT: z.coerce.number().int().min(0).max(65535).default(4012),
  RESPONSE_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(120),
  /** Retention: days after a household's procedures have all closed before its personal data is erased (the counts stay). */
  RETENTION_DAYS_AFTER_CLOSE: z.coerce.number().int().min(0).max(36500).default(730),
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
