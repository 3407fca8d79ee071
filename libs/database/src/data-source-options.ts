import type { DataSourceOptions, MixedList } from 'typeorm';
import { SafeTypeOrmLogger } from '../../platform/src/logging/typeorm-logger';

export interface SchemaParts {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

/**
 * The one place TypeORM is configured. Migrations only: `synchronize` is never on, and
 * `migrationsRun` is off (migrations run as a separate step, before the API and the worker).
 */
export function dataSourceOptions(
  url: string,
  schema: SchemaParts,
  overrides: { poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Never TypeORM's own loggers: they print SQL parameters (personal data).
    logging: ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 5_000,
    extra: {
      max: overrides.poolSize ?? 20,
      application_name: overrides.applicationName ?? 'unisson',
      // A pool waiting for PostgreSQL must give up, so readiness and jobs fail fast instead of hanging.
      connectionTimeoutMillis: 5_000,
    },
  };
}
