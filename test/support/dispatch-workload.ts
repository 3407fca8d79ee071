/**
 * A batch of queued messages written straight into `outbound_message` (SMS and e-mails, each
 * body unique), their dispatch jobs, and how many times the local providers got each of them.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { jobSpec, QUEUES } from '@unisson/queues';
import type { DataSource } from 'typeorm';
import type { ProviderSandbox } from '../../apps/provider-sandbox/src';

export interface SeededMessage {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
}

/** `count` queued messages, half SMS, half e-mail, due now. Phone numbers avoid the sandbox's magic suffixes. */
export async function seedQueuedMessages(db: DataSource, count: number, label = randomUUID().slice(0, 8)): Promise<SeededMessage[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const channel: 'sms' | 'email' = i % 2 === 0 ? 'sms' : 'email';
    const body = `Message ${label}-${i}: votre bailleur vous propose un rendez-vous.`;
    return {
      id: randomUUID(),
      idempotency_key: `fault:${label}:${i}`,
      household_id: randomUUID(),
      signing_partner_ids: [randomUUID()],
      channel,
      purpose: 'test',
      template_key: 'test',
      template_version: 'v1',
      locale: 'fr',
      recipient: channel === 'sms' ? `+33612${105000 + i}` : `foyer.${label}.${i}@example.org`,
      subject: channel === 'email' ? `Rendez-vous ${i}` : null,
      body,
      body_html: channel === 'email' ? `<p>${body}</p>` : null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db.query(
      `INSERT INTO outbound_message (id, idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key,
         template_version, locale, recipient, subject, body, body_html, status, not_before)
       SELECT id, idempotency_key, household_id, signing_partner_ids, channel::message_channel, purpose, template_key, template_version,
         locale, recipient, subject, body, body_html, 'queued', now() - interval '1 second'
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, idempotency_key text, household_id uuid, signing_partner_ids uuid[], channel text,
         purpose text, template_key text, template_version text, locale text, recipient text, subject text, body text, body_html text)`,
      [JSON.stringify(rows.slice(i, i + 500))],
    );
  }
  return rows.map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, body: r.body }));
}

/** Enqueues the messages' dispatch jobs the way the app does: its job definition (name, id, retries, retention), its queue prefix. */
export async function enqueueDispatch(redisUrl: string, queuePrefix: string, ids: readonly string[]): Promise<void> {
  const url = new URL(redisUrl);
  const queue = new Queue(QUEUES.dispatch, {
    connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
    prefix: `{${queuePrefix}:${QUEUES.dispatch}}`,
  });
  try {
    for (let i = 0; i < ids.length; i += 500) {
      await queue.addBulk(ids.slice(i, i + 500).map((messageId) => jobSpec('message.dispatch', { messageId })));
    }
  } finally {
    await queue.close();
  }
}

/** How many times the local providers received each message (0 = missing, 2+ = duplicate). */
export function deliveryCounts(sandbox: ProviderSandbox, messages: readonly SeededMessage[]): Map<string, number> {
  const smsByBody = new Map<string, number>();
  for (const m of sandbox.store.messages) if (m.direction === 'outbound-api') smsByBody.set(m.body, (smsByBody.get(m.body) ?? 0) + 1);
  const emailsById = new Map<string, number>();
  for (const e of sandbox.store.emails) {
    const id = e.headers['x-unisson-message'];
    if (id) emailsById.set(id, (emailsById.get(id) ?? 0) + 1);
  }
  return new Map(messages.map((m) => [m.id, m.channel === 'sms' ? (smsByBody.get(m.body) ?? 0) : (emailsById.get(m.id) ?? 0)]));
}

export interface DeliveryTally {
  messages: number;
  deliveredOnce: number;
  missing: number;
  duplicated: number;
}

export function tally(counts: Map<string, number>): DeliveryTally {
  const values = [...counts.values()];
  return {
    messages: values.length,
    deliveredOnce: values.filter((n) => n === 1).length,
    missing: values.filter((n) => n === 0).length,
    duplicated: values.filter((n) => n > 1).length,
  };
}

/** Statuses of the seeded messages in the database. */
export async function statusCounts(db: DataSource, ids: readonly string[]): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: number }> = await db.query(
    `SELECT status, count(*)::int AS n FROM outbound_message WHERE id = ANY($1::uuid[]) GROUP BY status`,
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The environment of a worker or API child process of a fault test. */
export function appEnv(settings: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  sandbox: ProviderSandbox;
  apiPort: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: settings.databaseUrl,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    TWILIO_BASE_URL: settings.sandbox.twilioUrl,
    SMTP_URL: `smtp://127.0.0.1:${settings.sandbox.smtpPort}`,
    // The sandbox keeps the log of what its catcher accepted (Brevo's API); it lags by nothing.
    MAIL_LOG_URL: settings.sandbox.twilioUrl,
    MAIL_LOG_SETTLE_MS: '1000',
    API_PORT: String(settings.apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${settings.apiPort}`,
    RECONCILE_EVERY_MS: '1000',
    PROVIDER_TIMEOUT_MS: '1500',
    STATUS_POLL_AFTER_MS: '3000',
    SMS_PARTS_PER_SECOND: '100000',
    EMAILS_PER_SECOND: '100000',
    API_RATE_LIMIT_PER_SECOND: '100000',
    COORDINATION_CLOCK_START: '2026-12-01T10:30:00+01:00',
    ...settings.extra,
  };
}
