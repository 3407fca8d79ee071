import { Controller, Get, Header, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { mayAttempt, Principal } from '@unisson/access';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { Public } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { renderOverview } from './operations-overview';
import { OverviewRepository } from './overview.repository';

/** The operators' overview page (an operator's or admin's session, or the queue dashboard's credentials). */
@ApiExcludeController()
@Public()
@Controller('tableau-de-bord')
export class OverviewController {
  constructor(
    private readonly overview: OverviewRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(
    @Headers('authorization') authorization: string | undefined,
    @Req() request: { actor?: Principal },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // An operator's or admin's session is enough; otherwise the operators' shared credentials.
    if (request.actor && mayAttempt(request.actor, 'dashboard.view').allow) return renderOverview(await this.overview.figures());
    const expected = Buffer.from(`${this.config.security.dashboardUser}:${this.config.security.dashboardPassword}`);
    const given = Buffer.from(authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString() : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      void reply.header('www-authenticate', 'Basic realm="Unisson operateurs", charset="UTF-8"');
      throw new UnissonError('OPERATOR_LOGIN_REQUIRED', 'Identifiant opérateur requis (celui des files de travail).', 401);
    }
    return renderOverview(await this.overview.figures());
  }
}
