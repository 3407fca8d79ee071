import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  live() {
    return { status: 'ok' };
  }

  /** Postgres and Redis answer: the service can take work. */
  @Get('ready')
  @HttpCode(200)
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
