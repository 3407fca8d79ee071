import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxFaults } from '../domain/faults';
import { newestFirst, SandboxStore } from '../sandbox-store';
import type { TwilioEmulator } from '../twilio/twilio-emulator';
import { renderHomePage } from './home-page';

const inboundSmsBody = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'from doit être un numéro E.164, par exemple +33612345678'),
  body: z.string().min(1, 'body ne peut pas être vide').max(1600),
});

/** Endpoints for people and tests: the HTML overview and JSON views of what was captured. */
export function registerSandboxRoutes(
  app: FastifyInstance,
  store: SandboxStore,
  emulator: TwilioEmulator,
  urls: () => { twilioUrl: string; smtpPort: number },
  faults: SandboxFaults,
): void {
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      renderHomePage({
        ...urls(),
        messages: newestFirst(store.messages),
        calls: newestFirst(store.calls),
        emails: newestFirst(store.emails),
      }),
    ),
  );
  app.get('/sandbox/messages', async () => newestFirst(store.messages));
  app.get('/sandbox/calls', async () => newestFirst(store.calls));
  // Newest first, their parts decoded: the newest 200 unless `?limit=` says otherwise (up to 5,000).
  app.get<{ Querystring: { limit?: string } }>('/sandbox/emails', async (request, reply) => {
    const limit = request.query.limit === undefined ? 200 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 5_000) {
      return reply.code(400).send({ message: 'limit doit être un entier de 1 à 5000 (les plus récents d’abord).' });
    }
    return Promise.all(
      newestFirst(store.emails)
        .slice(0, limit)
        .map((e) => store.showEmail(e)),
    );
  });
  app.get('/sandbox/webhooks', async () => [...store.webhooks].reverse());

  app.get<{ Params: { id: string } }>('/sandbox/emails/:id/html', async (request, reply) => {
    const email = store.emails.find((e) => String(e.id) === request.params.id);
    const html = email ? (await store.emailBodies(email)).html : null;
    if (!html) return reply.code(404).send({ message: 'Courriel introuvable ou sans partie HTML.' });
    // The captured HTML is shown as is, but may not run scripts or load anything remote.
    reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.get<{ Params: { id: string } }>('/sandbox/emails/:id/text', async (request, reply) => {
    const email = store.emails.find((e) => String(e.id) === request.params.id);
    if (!email) return reply.code(404).send({ message: 'Courriel introuvable.' });
    return reply.type('text/plain; charset=utf-8').send((await store.emailBodies(email)).text ?? '');
  });

  /**
   * The relay's log of accepted e-mails, as Brevo's transactional API answers it
   * (`GET /v3/smtp/emails?messageId=`, header `api-key`): what the catcher kept, by Message-ID.
   */
  app.get<{ Querystring: { messageId?: string } }>('/v3/smtp/emails', async (request, reply) => {
    if (!request.headers['api-key']) return reply.code(401).send({ code: 'unauthorized', message: 'Key not found' });
    const wanted = (request.query.messageId ?? '').replace(/^<|>$/g, '');
    if (!wanted) return reply.code(400).send({ code: 'missing_parameter', message: 'messageId is required here' });
    const found = store.emails.filter((e) => (e.messageId ?? '').replace(/^<|>$/g, '') === wanted);
    return {
      count: found.length,
      transactionalEmails: found.map((e) => ({
        email: e.envelope.rcptTo[0] ?? e.to[0] ?? '',
        subject: e.subject ?? '',
        messageId: e.messageId,
        uuid: String(e.id),
        date: e.receivedAt.toISOString(),
        from: e.from ?? '',
        tags: [],
      })),
    };
  });

  app.post('/sandbox/inbound-sms', async (request, reply) => {
    const parsed = inboundSmsBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        message: 'Requête invalide : envoyez {"from": "+33612345678", "body": "STOP"}.',
        issues: parsed.error.issues,
      });
    }
    return emulator.receiveInboundSms(parsed.data.from, parsed.data.body);
  });

  const keypressBody = z.object({
    to: z.string().regex(/^\+[1-9]\d{6,14}$/, 'to doit être un numéro E.164, par exemple +33612345678'),
    digits: z.string().regex(/^[0-9*#]{1,20}$/, 'digits : des chiffres, * ou #, par exemple "1"'),
  });
  /** The next person to answer a call at `to` presses `digits` at the first <Gather> they hear. */
  app.post('/sandbox/keypresses', async (request, reply) => {
    const parsed = keypressBody.safeParse(request.body);
    if (!parsed.success) {
      return reply
        .code(400)
        .send({ message: 'Requête invalide : envoyez {"to": "+33612345678", "digits": "1"}.', issues: parsed.error.issues });
    }
    const queue = store.keypresses.get(parsed.data.to) ?? [];
    queue.push(parsed.data.digits);
    store.keypresses.set(parsed.data.to, queue);
    return { to: parsed.data.to, pending: queue.length };
  });

  const faultPlan = <K extends string>(kinds: [K, ...K[]]) =>
    z.object({ rate: z.number().min(0).max(1), kinds: z.array(z.enum(kinds)), delayMs: z.number().int().min(0).max(120_000).default(0) });
  const faultsBody = z.object({
    twilio: faultPlan(['500', '500-after-create', '429', 'timeout-after-create', 'timeout-drop']).optional(),
    smtp: faultPlan(['421-greeting', '554-greeting', '451-after-data', 'timeout-after-data']).optional(),
    seed: z.number().int().optional(),
  });
  /** Inject provider faults, e.g. {"twilio": {"rate": 0.2, "kinds": ["500", "timeout-after-create"], "delayMs": 3000}}; {} clears them. */
  app.post('/sandbox/faults', async (request, reply) => {
    const parsed = faultsBody.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ message: 'Plan de pannes invalide.', issues: parsed.error.issues });
    if (!parsed.data.twilio && !parsed.data.smtp) faults.clear();
    faults.configure(parsed.data);
    return { twilio: faults.twilio, smtp: faults.smtp, injected: faults.injected };
  });

  app.post('/sandbox/reset', async () => {
    emulator.reset();
    return { reset: true };
  });
}
