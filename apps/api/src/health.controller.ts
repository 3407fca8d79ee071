import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '@unisson/partners';
import { ApiAnswer, DependencyHealth } from '@unisson/platform';

const readiness = z.object({
  status: z.enum(['ok', 'unavailable']),
  postgres: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']),
  message: z.string().optional(),
});

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: DependencyHealth) {}

  /** The process answers. */
  @Get('live')
  @ApiOperation({ summary: 'Le processus répond' })
  @ApiAnswer(200, 'Liveness', z.object({ status: z.literal('ok') }), { status: 'ok' })
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer: the service can take work. Else 503 within a second, naming what is down. */
  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL et Redis répondent : le service peut prendre du travail' })
  @ApiAnswer(200, 'Readiness', readiness, { status: 'ok', postgres: 'up', redis: 'up' })
  @ApiAnswer(
    503,
    'Readiness',
    readiness,
    {
      status: 'unavailable',
      postgres: 'up',
      redis: 'down',
      message: 'Redis ne répond pas : vérifiez REDIS_URL et que le service tourne.',
    },
    'Une dépendance ne répond pas',
  )
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.check();
    if (!report.ok) void reply.status(503).header('retry-after', '5');
    return { status: report.ok ? 'ok' : 'unavailable', ...report.states, ...(report.ok ? {} : { message: report.message }) };
  }
}
