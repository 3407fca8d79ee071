import type { DataSourceOptions, MixedList } from 'typeorm';

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
    logging: ['error'],
    extra: {
      max: overrides.poolSize ?? 20,
      application_name: overrides.applicationName ?? 'unisson',
    },
  };
}
