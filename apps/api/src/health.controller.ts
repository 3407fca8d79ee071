import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@unisson/partners';
import { DependencyHealth } from '@unisson/platform';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: DependencyHealth) {}

  /** The process answers. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer: the service can take work. Else 503 within a second, naming what is down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.check();
    if (!report.ok) void reply.status(503).header('retry-after', '5');
    return { status: report.ok ? 'ok' : 'unavailable', ...report.states, ...(report.ok ? {} : { message: report.message }) };
  }
}
