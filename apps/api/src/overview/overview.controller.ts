import { Controller, Get, Header, Headers, Ip, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { mayAttempt, Principal } from '@unisson/access';
import { OperatorLogin, Public } from '@unisson/partners';
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
    private readonly login: OperatorLogin,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(
    @Headers('authorization') authorization: string | undefined,
    @Ip() client: string,
    @Req() request: { actor?: Principal },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // An operator's or admin's session is enough; otherwise the operators' shared credentials.
    if (request.actor && mayAttempt(request.actor, 'dashboard.view').allow) return renderOverview(await this.overview.figures());
    try {
      await this.login.verify(authorization, client);
    } catch (error) {
      if (error instanceof UnissonError && error.statusCode === 401) {
        void reply.header('www-authenticate', 'Basic realm="Unisson operateurs", charset="UTF-8"');
      }
      throw error;
    }
    return renderOverview(await this.overview.figures());
  }
}
