import { Controller, Get, Header, Headers, Ip, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OperatorLogin, Public } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { renderOverview } from './operations-overview';
import { OverviewRepository } from './overview.repository';

/** The operators' overview page (same credentials as the queue dashboard). */
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
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
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
