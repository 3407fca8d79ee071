import { ZodError } from 'zod';
import { configSchema, RawConfig } from './config.schema';

/** The typed, grouped configuration every other module receives. */
export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  api: {
    host: string;
    port: number;
    publicBaseUrl: string;
    workers: number;
    /** Fastify's trustProxy: false (no proxy), a hop count, or the proxies' addresses and CIDRs. */
    trustProxy: false | number | string[];
  };
  database: { url: string; poolSize: number };
  redis: { url: string; clusterNodes: Array<{ host: string; port: number }>; queuePrefix: string };
  jobs: { reconcileEveryMs: number; enqueueHorizonMs: number; heartbeatFile: string | null };
  dispatch: {
    concurrency: number;
    providerTimeoutMs: number;
    statusPollAfterMs: number;
    smsPartsPerSecond: number;
    emailsPerSecond: number;
    callsPerSecond: number;
    failoverAfterMs: number;
  };
  abuse: { apiRequestsPerSecond: number };
  mail: {
    smtpUrl: string;
    from: string;
    returnPath: string;
    webhookSecret: string;
    linkHosts: string[];
    log?: { url: string; apiKey: string; settleMs: number } | null;
  };
  twilio: { accountSid: string; authToken: string; baseUrl: string | null; fromNumber: string };
  sandbox: { host: string; twilioPort: number; smtpPort: number; lettersPort: number };
  security: { appSecret: string; dashboardUser: string; dashboardPassword: string };
  responsePage: { linkTtlDays: number };
  letters: {
    provider: 'local' | 'online';
    dir: string;
    cutoff: string;
    batchDelayMs: number | null;
    service: { url: string; apiKey: string; webhookSecret: string };
  };
  retention: { daysAfterClose: number };
  /** Personal data at rest (libs/crypto): master keys and the blind-index secret. */
  encryption: { masterKeys: string; blindIndexKey: string; developmentKeys: boolean };
  linkage: { linkProbability: number | null; reviewProbability: number | null; targetFalseLinkRate: number | null };
  /** Null: the coordination calendar follows real time. */
  coordinationClockStart: string | null;
  demoSeed: boolean;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Unisson cannot start: the configuration is invalid.\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nSet these environment variables (see README.md, "Configuration") and start again.`,
    );
    this.name = 'ConfigurationError';
  }
}

function describe(error: ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/**
 * Development keys of personal data, embedded so that the demo and the tests run on a fresh
 * machine. Anything they sealed is readable by whoever has this source: a production start
 * without UNISSON_MASTER_KEYS and UNISSON_BLIND_INDEX_KEY refuses to run.
 */
export const DEVELOPMENT_MASTER_KEYS = 'dev-only-1:dW5pc3Nvbi1kZW1vLW9ubHktbWFzdGVyLWtleS0wMSE=';
export const DEVELOPMENT_BLIND_INDEX_KEY = 'unisson-development-only-blind-index-secret';

/** The repository's own value of each setting (what an unset variable gets): public, fine for the demo only. */
const DEVELOPMENT_DEFAULTS: RawConfig = configSchema.parse({});

/**
 * Secrets whose embedded defaults are in this public repository: a production start refuses them
 * unset or left at the development value, as it refuses the development keys of personal data.
 */
const PRODUCTION_SECRETS = {
  APP_SECRET: 'hashes API keys, signs response-page links and CSRF tokens; e.g. "$(openssl rand -base64 32)"',
  MAIL_WEBHOOK_SECRET: 'shared with the mail server that forwards bounces to /v1/webhooks/email/bounces; 16+ random characters',
  LETTER_WEBHOOK_SECRET: "the letter service's webhook signing secret, as your provider gives it",
  TWILIO_AUTH_TOKEN: "your Twilio account's auth token (it checks the signature of every Twilio callback)",
  DASHBOARD_PASSWORD: "the operators' dashboard password (/queues, /tableau-de-bord); a long random value",
} as const satisfies Partial<Record<keyof RawConfig, string>>;

/** What a production start lacks, one line per setting to set (empty: nothing). */
function productionProblems(c: RawConfig): string[] {
  return [
    c.UNISSON_MASTER_KEYS === '' &&
      'UNISSON_MASTER_KEYS: required in production (personal data is encrypted with it; e.g. "k2026:$(openssl rand -base64 32)")',
    c.UNISSON_BLIND_INDEX_KEY === '' &&
      'UNISSON_BLIND_INDEX_KEY: required in production (keyed indexes of phones, e-mails and matching keys; 32+ random characters)',
    ...(Object.keys(PRODUCTION_SECRETS) as Array<keyof typeof PRODUCTION_SECRETS>).map(
      (name) =>
        c[name] === DEVELOPMENT_DEFAULTS[name] &&
        `${name}: required in production, unset or still the public development value (${PRODUCTION_SECRETS[name]})`,
    ),
  ].filter((p): p is string => typeof p === 'string');
}

function trustedProxies(setting: string): AppConfig['api']['trustProxy'] {
  if (setting === '') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting.split(',').map((entry) => entry.trim());
}

/**
 * The provider sandbox's addresses follow its host and ports: an unset TWILIO_BASE_URL,
 * MAIL_LOG_URL, SMTP_URL or LETTER_SERVICE_URL points at SANDBOX_HOST and the SANDBOX_*_PORT
 * the sandbox listens on, so that moving one port is one variable. A value set (even empty) is kept.
 */
export function withSandboxDefaults(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const host = env.SANDBOX_HOST || DEVELOPMENT_DEFAULTS.SANDBOX_HOST;
  const at = (port: string | undefined, fallback: number) => `${host.includes(':') ? `[${host}]` : host}:${port || fallback}`;
  const twilio = `http://${at(env.SANDBOX_TWILIO_PORT, DEVELOPMENT_DEFAULTS.SANDBOX_TWILIO_PORT)}`;
  const derived: Record<string, string> = {
    TWILIO_BASE_URL: twilio,
    MAIL_LOG_URL: twilio,
    SMTP_URL: `smtp://${at(env.SANDBOX_SMTP_PORT, DEVELOPMENT_DEFAULTS.SANDBOX_SMTP_PORT)}`,
    LETTER_SERVICE_URL: `http://${at(env.SANDBOX_LETTERS_PORT, DEVELOPMENT_DEFAULTS.SANDBOX_LETTERS_PORT)}`,
  };
  const filled = { ...env };
  for (const [name, value] of Object.entries(derived)) if (filled[name] === undefined) filled[name] = value;
  return filled;
}

/** Parses the environment once. `process.env` is read nowhere else. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = configSchema.safeParse(withSandboxDefaults(env));
  if (!parsed.success) throw new ConfigurationError(describe(parsed.error));
  const c = parsed.data;
  const missing = c.NODE_ENV === 'production' ? productionProblems(c) : [];
  if (missing.length) throw new ConfigurationError(missing);
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    api: {
      host: c.API_HOST,
      port: c.API_PORT,
      publicBaseUrl: c.PUBLIC_BASE_URL.replace(/\/$/, ''),
      workers: c.API_WORKERS,
      trustProxy: trustedProxies(c.TRUST_PROXY),
    },
    database: { url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE },
    redis: {
      url: c.REDIS_URL,
      clusterNodes: c.REDIS_CLUSTER_NODES.split(',')
        .filter(Boolean)
        .map((node) => ({ host: node.slice(0, node.lastIndexOf(':')), port: Number(node.slice(node.lastIndexOf(':') + 1)) })),
      queuePrefix: c.QUEUE_PREFIX,
    },
    jobs: {
      reconcileEveryMs: c.RECONCILE_EVERY_MS,
      enqueueHorizonMs: c.ENQUEUE_HORIZON_MS,
      heartbeatFile: c.WORKER_HEARTBEAT_FILE || null,
    },
    dispatch: {
      concurrency: c.DISPATCH_CONCURRENCY,
      providerTimeoutMs: c.PROVIDER_TIMEOUT_MS,
      statusPollAfterMs: c.STATUS_POLL_AFTER_MS,
      smsPartsPerSecond: c.SMS_PARTS_PER_SECOND,
      emailsPerSecond: c.EMAILS_PER_SECOND,
      callsPerSecond: c.CALLS_PER_SECOND,
      failoverAfterMs: c.FAILOVER_AFTER_MS,
    },
    abuse: { apiRequestsPerSecond: c.API_RATE_LIMIT_PER_SECOND },
    mail: {
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM,
      log:
        c.MAIL_LOG_URL === ''
          ? null
          : { url: c.MAIL_LOG_URL.replace(/\/$/, ''), apiKey: c.MAIL_LOG_API_KEY, settleMs: c.MAIL_LOG_SETTLE_MS },
      returnPath: c.MAIL_RETURN_PATH,
      webhookSecret: c.MAIL_WEBHOOK_SECRET,
      linkHosts: c.EMAIL_LINK_HOSTS.split(',').filter(Boolean),
    },
    twilio: {
      accountSid: c.TWILIO_ACCOUNT_SID,
      authToken: c.TWILIO_AUTH_TOKEN,
      baseUrl: c.TWILIO_BASE_URL === '' ? null : c.TWILIO_BASE_URL.replace(/\/$/, ''),
      fromNumber: c.TWILIO_FROM_NUMBER,
    },
    sandbox: {
      host: c.SANDBOX_HOST,
      twilioPort: c.SANDBOX_TWILIO_PORT,
      smtpPort: c.SANDBOX_SMTP_PORT,
      lettersPort: c.SANDBOX_LETTERS_PORT,
    },
    security: {
      appSecret: c.APP_SECRET,
      dashboardUser: c.DASHBOARD_USER,
      dashboardPassword: c.DASHBOARD_PASSWORD,
    },
    responsePage: { linkTtlDays: c.RESPONSE_LINK_TTL_DAYS },
    letters: {
      provider: c.LETTER_PROVIDER,
      dir: c.LETTERS_DIR,
      cutoff: c.LETTER_BATCH_CUTOFF,
      batchDelayMs: c.LETTER_BATCH_DELAY_MS === '' ? null : c.LETTER_BATCH_DELAY_MS,
      service: { url: c.LETTER_SERVICE_URL.replace(/\/$/, ''), apiKey: c.LETTER_SERVICE_API_KEY, webhookSecret: c.LETTER_WEBHOOK_SECRET },
    },
    retention: { daysAfterClose: c.RETENTION_DAYS_AFTER_CLOSE },
    encryption: {
      masterKeys: c.UNISSON_MASTER_KEYS || DEVELOPMENT_MASTER_KEYS,
      blindIndexKey: c.UNISSON_BLIND_INDEX_KEY || DEVELOPMENT_BLIND_INDEX_KEY,
      developmentKeys: c.UNISSON_MASTER_KEYS === '' || c.UNISSON_BLIND_INDEX_KEY === '',
    },
    linkage: {
      linkProbability: c.LINKAGE_LINK_THRESHOLD,
      reviewProbability: c.LINKAGE_REVIEW_THRESHOLD,
      targetFalseLinkRate: c.LINKAGE_TARGET_FALSE_LINK_RATE,
    },
    coordinationClockStart: c.COORDINATION_CLOCK_START === '' ? null : c.COORDINATION_CLOCK_START,
    demoSeed: c.DEMO_SEED,
  };
}
