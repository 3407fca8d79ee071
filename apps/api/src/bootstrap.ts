import 'reflect-metadata';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { mayAttempt } from '@unisson/access';
import { acceptCsvUploads } from '@unisson/bulk-import';
import { AppConfig } from '@unisson/config';
import { installPersonalDataKeys } from '@unisson/crypto';
import { AuthenticationService, OperatorLogin, parseCookies, SESSION_COOKIE } from '@unisson/partners';
import {
  parseJsonBodiesInFrench,
  PROTOTYPE_KEYS_LEFT_TO_THE_SHAPE_CHECK,
  refuseMisshapenBodies,
  RequestParametersGuard,
  SafeTextPipe,
  UnissonError,
} from '@unisson/platform';
import { QUEUES } from '@unisson/queues';
import { ApiModule } from './app.module';
import { buildOpenApiDocument } from './openapi';
import { recordRoutes } from './route-table';
import { addSecurityHeaders } from './security-headers';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  // Malformed master keys stop the start here, naming the setting (never a key).
  installPersonalDataKeys(config.encryption);
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: 256 * 1024,
      // A `__proto__` key is refused by name, after parsing, with bodies nested too deep (refuseMisshapenBodies).
      ...PROTOTYPE_KEYS_LEFT_TO_THE_SHAPE_CHECK,
      // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default): lockouts
      // and rate limits count by request.ip, which a client must not be able to choose.
      trustProxy: config.api.trustProxy,
      // On shutdown, keep-alive connections of webhook senders and partners are closed at once
      // instead of holding the process for Fastify's 72 s keep-alive.
      forceCloseConnections: true,
      // Errors Fastify raises before any route (a URL or a parameter too long, a bad encoding) answer like every other error.
      frameworkErrors: (error: { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
        const statusCode =
          typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
        void reply
          .code(statusCode)
          .header('content-type', 'application/json; charset=utf-8')
          .send(
            JSON.stringify({
              statusCode,
              code: statusCode === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST',
              message: 'L’adresse appelée ou l’un de ses paramètres est malformé ou trop long : vérifiez le chemin.',
              correlationId: String(request.id),
            }),
          );
      },
    }),
    { bufferLogs: true },
  );
  // Nest's body parsers now rather than at init, so that its JSON one can be replaced by one that
  // says in French where a body stops being JSON (forms keep Nest's parser).
  app.getHttpAdapter().registerParserMiddleware();
  parseJsonBodiesInFrench(app.getHttpAdapter().getInstance());
  recordRoutes(app);
  addSecurityHeaders(app.getHttpAdapter().getInstance());
  app.useLogger(app.get(Logger));
  // After authentication and rate limits (they read no parameter), before the audit trail, pipes and
  // handlers: a malformed path or query parameter of any route is a 400 naming it, never a query.
  app.useGlobalGuards(new RequestParametersGuard());
  app.useGlobalPipes(new SafeTextPipe());
  app.enableShutdownHooks();
  refuseMisshapenBodies(app.getHttpAdapter().getInstance());
  acceptCsvUploads(app.getHttpAdapter().getInstance());
  mountOpenApi(app);
  await mountQueueDashboard(app);
  return app;
}

function mountOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}

/**
 * What the queue dashboard's page may load: only this service. Its template links a web font from
 * Google; the link is taken out of the page and the browser is told to load nothing from elsewhere.
 */
const QUEUE_DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
const EXTERNAL_STYLESHEET = /<link[^>]+href="https?:\/\/[^"]*"[^>]*>/g;

/**
 * The queue dashboard (bull-board) under /queues, read-only: every queue in bull-board's read-only
 * mode (no retry, clean, pause, add, promote) and any method but GET/HEAD refused with 405 before
 * bull-board sees it. Operators and admins only (the policy's `dashboard.view`).
 */
async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath('/queues');
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Unisson — files' } },
  });
  const login = app.get(OperatorLogin);
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(AuthenticationService);
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          await reply.code(405).header('allow', 'GET, HEAD').send('Tableau des files en lecture seule.');
          return;
        }
        // An operator's or admin's session, or the operators' shared credentials (demo, scripts).
        const session = await sessions.resolveSession(parseCookies(request.headers.cookie)[SESSION_COOKIE]);
        if (session && mayAttempt(session, 'dashboard.view').allow) return;
        try {
          await login.verify(request.headers.authorization, request.ip);
        } catch (error) {
          if (!(error instanceof UnissonError)) throw error;
          if (error.retryAfterSeconds !== null) void reply.header('retry-after', String(error.retryAfterSeconds));
          if (error.statusCode === 401) void reply.header('www-authenticate', 'Basic realm="Unisson operateurs", charset="UTF-8"');
          await reply
            .code(error.statusCode)
            .send(error.statusCode === 429 ? 'Trop de tentatives : réessayez plus tard.' : 'Identifiant opérateur requis.');
        }
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        void reply.header('content-security-policy', QUEUE_DASHBOARD_CSP);
        const type = String(reply.getHeader('content-type') ?? '');
        return typeof payload === 'string' && type.startsWith('text/html') ? payload.replace(EXTERNAL_STYLESHEET, '') : payload;
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: '/queues' },
  );
}
