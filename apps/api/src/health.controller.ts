import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiAnswer } from '@unisson/platform';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Public } from '@unisson/partners';
import { QUEUES } from '@unisson/queues';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.intake) private readonly queue: Queue,
  ) {}

  /** The process answers. */
  @Get('live')
  @ApiOperation({ summary: 'Le processus répond' })
  @ApiAnswer(200, 'Liveness', z.object({ status: z.literal('ok') }), { status: 'ok' })
  live() {
    return { status: 'ok' };
  }

  /** Postgres and Redis answer: the service can take work. */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'PostgreSQL et Redis répondent : le service peut prendre du travail' })
  @ApiAnswer(
    200,
    'Readiness',
    z.object({ status: z.enum(['ok', 'unavailable']), postgres: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) }),
    { status: 'ok', postgres: 'up', redis: 'up' },
  )
  @ApiAnswer(
    503,
    'Readiness',
    z.object({ status: z.enum(['ok', 'unavailable']), postgres: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) }),
    { status: 'unavailable', postgres: 'up', redis: 'down' },
    'Une dépendance ne répond pas',
  )
  async ready() {
    const checks = await Promise.allSettled([
      this.dataSource.query('SELECT 1'),
      this.queue.client.then((client) => (client as unknown as { ping(): Promise<string> }).ping()),
    ]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'up' : 'down'));
    const body = { status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable', postgres, redis };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
