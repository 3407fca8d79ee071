export * from './job-names';
export { QueuesModule } from './queues.module';
export { createRedisClient, isCluster, queuePrefix, redisOptions, unissonKey } from '@unisson/platform';
