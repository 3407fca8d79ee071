import 'reflect-metadata';
import './unisson-aliases';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src';
import { unissonSchema } from '../../libs/database/src/schema';
import { databaseUrl, withAdmin } from './postgres-admin';

/**
 * Runs the migrations once into a template database; every medium/e2e test file then gets its
 * own copy (`CREATE DATABASE … TEMPLATE …`), so files run in parallel and never share data.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.UNISSON_TEMPLATE_DB) return; // the other project of this run made it already
  // One template per run, so that two runs on one machine never drop each other's.
  const TEMPLATE_DATABASE = `unisson_test_template_${process.pid}`;
  process.env.UNISSON_TEMPLATE_DB = TEMPLATE_DATABASE;
  // Every queue prefix of this run starts with it: the teardown removes this run's Redis keys only.
  process.env.UNISSON_TEST_RUN = randomBytes(4).toString('hex');
  await withAdmin(async (admin) => {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
      TEMPLATE_DATABASE,
    ]);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(TEMPLATE_DATABASE), unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
