import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormParams } from '../domain/create-requests';
import type { SandboxFaults } from '../domain/faults';
import { TwilioApiError, twilioErrors } from '../domain/twilio-errors';
import { API_VERSION, toCallResource, toMessageResource } from '../domain/twilio-resources';
import type { SandboxStore } from '../sandbox-store';
import { CLIENT_GONE, createMessageAnswer } from './message-creation';
import type { TwilioEmulator } from './twilio-emulator';

interface AccountParams {
  AccountSid: string;
}
interface ResourceParams extends AccountParams {
  resource: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** HTTP Basic AccountSid:AuthToken, and the account in the path must be that account. */
export function isAuthorised(header: string | undefined, accountSid: string, authToken: string, pathAccount: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return sameSecret(decoded, `${accountSid}:${authToken}`) && pathAccount === accountSid;
}

function sendError(reply: FastifyReply, error: TwilioApiError): FastifyReply {
  return reply.code(error.status).type('application/json').send(error.toBody());
}

function sidFromResource(resource: string, prefix: 'SM' | 'CA'): string | null {
  const match = new RegExp(`^(${prefix}[0-9a-f]{32})\\.json$`).exec(resource);
  return match?.[1] ?? null;
}

/** The subset of api.twilio.com/2010-04-01 Unisson uses: Messages and Calls. */
export function registerTwilioRoutes(
  app: FastifyInstance,
  emulator: TwilioEmulator,
  store: SandboxStore,
  credentials: { accountSid: string; authToken: string },
  faults?: SandboxFaults,
): void {
  const prefix = `/${API_VERSION}/Accounts/:AccountSid`;

  app.register(async (api) => {
    api.addHook('onRequest', async (request: FastifyRequest<{ Params: AccountParams }>, reply) => {
      const account = request.params.AccountSid ?? '';
      if (!isAuthorised(request.headers.authorization, credentials.accountSid, credentials.authToken, account)) {
        reply.header('www-authenticate', 'Basic realm="Twilio API"');
        return sendError(reply, twilioErrors.authenticate());
      }
    });

    api.post<{ Params: AccountParams; Body: FormParams }>(`${prefix}/Messages.json`, async (request, reply) => {
      const answer = await createMessageAnswer(emulator, faults, request.body ?? {}, () => request.raw.socket.destroyed);
      if (answer === CLIENT_GONE) return reply;
      if (answer instanceof TwilioApiError) return sendError(reply, answer);
      return reply.code(201).send(toMessageResource(answer));
    });

    api.get<{ Params: AccountParams; Querystring: FormParams }>(`${prefix}/Messages.json`, async (request) =>
      emulator.listMessages(request.query, request.url.split('?')[0] ?? ''),
    );

    api.get<{ Params: ResourceParams }>(`${prefix}/Messages/:resource`, async (request, reply) => {
      const sid = sidFromResource(request.params.resource, 'SM');
      const message = sid ? store.findMessage(sid) : undefined;
      if (!message) return sendError(reply, twilioErrors.notFound(request.url));
      return toMessageResource(message);
    });

    api.post<{ Params: AccountParams; Body: FormParams }>(`${prefix}/Calls.json`, async (request, reply) => {
      const result = emulator.createCall(request.body ?? {});
      if (result instanceof TwilioApiError) return sendError(reply, result);
      return reply.code(201).send(toCallResource(result));
    });

    api.get<{ Params: AccountParams; Querystring: FormParams }>(`${prefix}/Calls.json`, async (request) =>
      emulator.listCalls(request.query, request.url.split('?')[0] ?? ''),
    );

    api.get<{ Params: ResourceParams }>(`${prefix}/Calls/:resource`, async (request, reply) => {
      const sid = sidFromResource(request.params.resource, 'CA');
      const call = sid ? store.findCall(sid) : undefined;
      if (!call) return sendError(reply, twilioErrors.notFound(request.url));
      return toCallResource(call);
    });
  });
}
