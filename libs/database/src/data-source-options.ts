import { Client } from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';
import { SafeTypeOrmLogger } from '../../platform/src/logging/typeorm-logger';

export interface SchemaParts {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

/**
 * A pool connection that never crashes the process. A connection PostgreSQL terminates (restart,
 * failover, pg_terminate_backend) emits 'error'; between the pool handing it out and TypeORM
 * listening on it, nobody listens, and Node turns an unheard 'error' into a crash of the whole
 * worker (seen in the connection-kill fault test). This listener hears it; the pool and TypeORM
 * still get it too and drop the broken connection (pg marks it unusable).
 */
export class ResilientPgClient extends Client {
  constructor(...args: ConstructorParameters<typeof Client>) {
    super(...args);
    this.on('error', () => undefined);
  }
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
      Client: ResilientPgClient,
    },
  };
}
