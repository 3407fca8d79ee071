import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@unisson/config';
import { QUEUES } from './job-names';
import { createRedisClient, isCluster, queuePrefix, redisOptions } from '@unisson/platform';

/**
 * BullMQ on Redis: one connection setting, and one hash-tagged key prefix per queue
 * (`{<QUEUE_PREFIX>:<queue>}`), so the same code runs on one Redis or on a Redis Cluster.
 */
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name, prefix: queuePrefix(config, name) }));
    return {
      module: QueuesModule,
      global: true,
      imports: [BullModule.forRoot({ connection: isCluster(config) ? createRedisClient(config) : redisOptions(config) }), ...queues],
      exports: queues,
    };
  }
}
