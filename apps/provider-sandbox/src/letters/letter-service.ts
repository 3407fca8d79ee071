import { createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How the service signs its webhooks: `sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`. */
const signature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export interface SandboxSending {
  id: string;
  custom_id: string;
  name: string;
  status: 'DRAFT' | 'PENDING' | 'PROCESSED';
  documents: Array<{ id: string; bytes: number }>;
  recipients: SandboxRecipient[];
  /** How many times the sending was printed: must stay 0 or 1. */
  printed: number;
}

export interface SandboxRecipient {
  id: string;
  custom_id: string;
  address_lines: string[];
  first_page: number;
  pages: number;
  postage_class: string;
  status: 'ACCEPTED' | 'PROCESSED' | 'DELIVERED' | 'UNDELIVERED';
  reason: string | null;
}

export interface LetterServiceOptions {
  host?: string;
  port?: number;
  apiKey: string;
  /** Where the service reports recipients' statuses (Unisson's /v1/webhooks/letters). */
  webhookUrl?: string | null;
  webhookSecret: string;
  /** Delay before a submitted sending is printed (default 100 ms). */
  processDelayMs?: number;
}

export interface LetterService {
  url: string;
  sendings: SandboxSending[];
  /** Webhook deliveries attempted, with the answer they got. */
  webhookAttempts: Array<{ eventId: string; status: number | null }>;
  /** The post office sends a letter back (NPAI): reported by webhook, retried until 2xx. */
  returnLetter(customId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local online letter service speaking like the real ones (Maileva's simple sendings): a
 * sending is created as a draft, gets its document and recipients, is submitted, printed once,
 * and reports each recipient's status and returned mail by signed webhook, retried with backoff.
 */
export async function startLetterService(opts: LetterServiceOptions): Promise<LetterService> {
  const sendings: SandboxSending[] = [];
  const webhookAttempts: LetterService['webhookAttempts'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const app: FastifyInstance = fastify({ logger: false, bodyLimit: 256 * 1024 * 1024 });
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const post = (event: Record<string, unknown>, attempt = 1): void => {
    if (!opts.webhookUrl) return;
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    fetch(opts.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-letter-timestamp': timestamp,
        'x-letter-signature': signature(opts.webhookSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(5_000),
    }).then(
      (r) => {
        webhookAttempts.push({ eventId: String(event.event_id), status: r.status });
        if (r.status >= 300 && attempt < 8) later(100 * 2 ** attempt, () => post(event, attempt + 1));
      },
      () => {
        webhookAttempts.push({ eventId: String(event.event_id), status: null });
        if (attempt < 8) later(100 * 2 ** attempt, () => post(event, attempt + 1));
      },
    );
  };

  const report = (sending: SandboxSending, r: SandboxRecipient, eventType: string) =>
    post({
      event_id: randomUUID(),
      event_type: eventType,
      sending_id: sending.id,
      recipient_id: r.id,
      custom_id: r.custom_id,
      status: r.status,
      reason: r.reason,
    });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/mail/') && request.headers.authorization !== `Bearer ${opts.apiKey}`) {
      await reply.code(401).send({ error: 'invalid_token' });
    }
  });
  const find = (id: string) => sendings.find((s) => s.id === id);
  const view = (s: SandboxSending) => ({
    id: s.id,
    custom_id: s.custom_id,
    name: s.name,
    status: s.status,
    documents_count: s.documents.length,
    recipients_count: s.recipients.length,
  });

  app.get('/mail/v2/sendings', async (request) => {
    const customId = (request.query as { custom_id?: string }).custom_id;
    return { sendings: sendings.filter((s) => !customId || s.custom_id === customId).map(view) };
  });
  app.post('/mail/v2/sendings', async (request, reply) => {
    const body = (request.body ?? {}) as { name?: string; custom_id?: string };
    if (!body.custom_id) return reply.code(400).send({ error: 'custom_id is required' });
    const sending: SandboxSending = {
      id: randomUUID(),
      custom_id: body.custom_id,
      name: body.name ?? '',
      status: 'DRAFT',
      documents: [],
      recipients: [],
      printed: 0,
    };
    sendings.push(sending);
    return reply.code(201).send(view(sending));
  });
  app.post('/mail/v2/sendings/:id/documents', async (request, reply) => {
    const sending = find((request.params as { id: string }).id);
    if (!sending) return reply.code(404).send({ error: 'sending not found' });
    if (sending.status !== 'DRAFT') return reply.code(409).send({ error: 'the sending is no longer a draft' });
    const pdf = request.body as Buffer;
    if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
      return reply.code(400).send({ error: 'a PDF document is expected' });
    const document = { id: randomUUID(), bytes: pdf.length };
    sending.documents.push(document);
    return reply.code(201).send(document);
  });
  app.post('/mail/v2/sendings/:id/recipients', async (request, reply) => {
    const sending = find((request.params as { id: string }).id);
    if (!sending) return reply.code(404).send({ error: 'sending not found' });
    if (sending.status !== 'DRAFT') return reply.code(409).send({ error: 'the sending is no longer a draft' });
    const { recipients } = (request.body ?? {}) as { recipients?: Array<Omit<SandboxRecipient, 'id' | 'status' | 'reason'>> };
    if (!Array.isArray(recipients) || recipients.some((r) => !r.custom_id || !Array.isArray(r.address_lines) || r.address_lines.length > 6))
      return reply.code(400).send({ error: 'recipients: custom_id and at most 6 address lines each' });
    for (const r of recipients) {
      if (!sending.recipients.some((x) => x.custom_id === r.custom_id))
        sending.recipients.push({ ...r, id: randomUUID(), status: 'ACCEPTED', reason: null });
    }
    return reply.code(201).send({ recipients: sending.recipients });
  });
  app.get('/mail/v2/sendings/:id/recipients', async (request, reply) => {
    const sending = find((request.params as { id: string }).id);
    return sending ? { recipients: sending.recipients } : reply.code(404).send({ error: 'sending not found' });
  });
  app.post('/mail/v2/sendings/:id/submit', async (request, reply) => {
    const sending = find((request.params as { id: string }).id);
    if (!sending) return reply.code(404).send({ error: 'sending not found' });
    if (sending.status !== 'DRAFT') return reply.code(409).send({ error: 'already submitted' });
    if (!sending.documents.length || !sending.recipients.length)
      return reply.code(400).send({ error: 'a document and recipients are needed' });
    sending.status = 'PENDING';
    later(opts.processDelayMs ?? 100, () => {
      sending.printed++;
      sending.status = 'PROCESSED';
      for (const r of sending.recipients) {
        r.status = r.postage_class === 'lettre_simple' ? 'PROCESSED' : 'DELIVERED';
        report(sending, r, 'RECIPIENT_STATUS_CHANGED');
      }
    });
    return view(sending);
  });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${address.port}`,
    sendings,
    webhookAttempts,
    async returnLetter(customId: string) {
      for (const s of sendings)
        for (const r of s.recipients)
          if (r.custom_id === customId) {
            r.status = 'UNDELIVERED';
            r.reason = 'NPAI';
            report(s, r, 'RECIPIENT_RETURNED');
          }
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      await app.close();
    },
  };
}
