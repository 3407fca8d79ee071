import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
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
  app.get('/sandbox/emails', async () => newestFirst(store.emails));
  app.get('/sandbox/webhooks', async () => [...store.webhooks].reverse());

  app.get<{ Params: { id: string } }>('/sandbox/emails/:id/html', async (request, reply) => {
    const email = store.emails.find((e) => String(e.id) === request.params.id);
    if (!email?.html) return reply.code(404).send({ message: 'Courriel introuvable ou sans partie HTML.' });
    // The captured HTML is shown as is, but may not run scripts or load anything remote.
    reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    return reply.type('text/html; charset=utf-8').send(email.html);
  });
  app.get<{ Params: { id: string } }>('/sandbox/emails/:id/text', async (request, reply) => {
    const email = store.emails.find((e) => String(e.id) === request.params.id);
    if (!email) return reply.code(404).send({ message: 'Courriel introuvable.' });
    return reply.type('text/plain; charset=utf-8').send(email.text ?? '');
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

  app.post('/sandbox/reset', async () => {
    emulator.reset();
    return { reset: true };
  });
}
