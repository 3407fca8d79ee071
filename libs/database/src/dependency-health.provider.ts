import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/src/app-config';
import { APP_CONFIG } from '../../config/src/config.module';
import { DependencyHealth } from '../../platform/src/health/dependency-health';
import { createRedisClient } from '../../platform/src/redis/redis-connection';

/**
 * PostgreSQL and Redis as the apps see them: probed for readiness (each within 800 ms) and
 * watched, so the logs say when one goes away and when it comes back.
 */
export const dependencyHealthProvider: Provider = {
  provide: DependencyHealth,
  useFactory: (dataSource: DataSource, config: AppConfig) => {
    // Commands wait for a connection being made (no false alarm at start) and fail when it fails (maxRetriesPerRequest 0).
    const redis = createRedisClient(config, { maxRetriesPerRequest: 0, connectTimeout: 1_000 });
    redis.on('error', () => undefined);
    const health = new DependencyHealth(
      [
        { name: 'postgres', label: 'PostgreSQL', setting: 'DATABASE_URL', probe: () => dataSource.query('SELECT 1') },
        {
          name: 'redis',
          label: 'Redis',
          setting: config.redis.clusterNodes.length ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL',
          probe: () => redis.ping(),
        },
      ],
      800,
      () => redis.disconnect(),
    );
    health.watch();
    return health;
  },
  inject: [DataSource, APP_CONFIG],
};
