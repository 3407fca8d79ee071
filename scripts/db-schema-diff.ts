/**
 * Prints the SQL that would bring the database to the entities (what a new migration needs).
 * Used to write migrations and, in CI, to fail when entities and migrations drift.
 *   node -r @swc-node/register scripts/db-schema-diff.ts [--check]
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    for (const q of sql.upQueries) console.log(`${q.query.replace(/\s+/g, ' ')};`);
    if (check && sql.upQueries.length) {
      console.error(
        `\nThe entities and the migrations differ by ${sql.upQueries.length} statement(s) (listed above).\n` +
          'Write a migration with these statements in the capability that owns the entity.',
      );
      process.exitCode = 1;
    } else if (check) {
      console.error('Entities and migrations agree.');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
