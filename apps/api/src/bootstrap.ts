import 'reflect-metadata';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { Logger } from 'nestjs-pino';
import { timingSafeEqual } from 'node:crypto';
import { mayAttempt } from '@unisson/access';
import { acceptCsvUploads } from '@unisson/bulk-import';
import { AppConfig } from '@unisson/config';
import { AuthenticationService, parseCookies, SESSION_COOKIE } from '@unisson/partners';
import { QUEUES } from '@unisson/queues';
import { ApiModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  acceptCsvUploads(app.getHttpAdapter().getInstance());
  mountOpenApi(app);
  await mountQueueDashboard(app, config);
  return app;
}

function mountOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}

async function mountQueueDashboard(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath('/queues');
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Unisson — files' } },
  });
  const expected = Buffer.from(`${config.security.dashboardUser}:${config.security.dashboardPassword}`);
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(AuthenticationService);
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        // An operator's or admin's session, or the operators' shared credentials (demo, scripts).
        const session = await sessions.resolveSession(parseCookies(request.headers.cookie)[SESSION_COOKIE]);
        if (session && mayAttempt(session, 'dashboard.view').allow) return;
        const header = request.headers.authorization ?? '';
        const given = Buffer.from(header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          await reply
            .header('www-authenticate', 'Basic realm="Unisson operateurs", charset="UTF-8"')
            .code(401)
            .send('Identifiant opérateur requis.');
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: '/queues' },
  );
}
