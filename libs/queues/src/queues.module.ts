import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { AppConfig } from '@unisson/config';
import { createRedisClient, isCluster, queuePrefix, redisOptions } from '@unisson/platform';
import { QUEUES } from './job-names';

const SHARED_CLUSTER = Symbol('SHARED_CLUSTER');

/** BullMQ leaves a connection it was given open: the Cluster client is closed with the app. */
@Injectable()
class SharedClusterCloser implements OnApplicationShutdown {
  constructor(@Inject(SHARED_CLUSTER) private readonly cluster: Redis | Cluster | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cluster?.quit().catch(() => this.cluster?.disconnect());
  }
}

/**
 * BullMQ on Redis: one connection setting, and one hash-tagged key prefix per queue
 * (`{<QUEUE_PREFIX>:<queue>}`), so the same code runs on one Redis or on a Redis Cluster.
 */
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name, prefix: queuePrefix(config, name) }));
    const cluster = isCluster(config) ? createRedisClient(config) : null;
    cluster?.on('error', () => undefined);
    return {
      module: QueuesModule,
      global: true,
      imports: [BullModule.forRoot({ connection: cluster ?? redisOptions(config) }), ...queues],
      providers: [{ provide: SHARED_CLUSTER, useValue: cluster }, SharedClusterCloser],
      exports: queues,
    };
  }
}
