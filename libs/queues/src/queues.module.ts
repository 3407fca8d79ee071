import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@unisson/config';
import { QUEUES } from './job-names';

/** BullMQ on Redis: one connection setting, one key prefix per deployment (or per test file). */
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const url = new URL(config.redis.url);
    const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRoot({
          prefix: config.redis.queuePrefix,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
        }),
        ...queues,
      ],
      exports: queues,
    };
  }
}
