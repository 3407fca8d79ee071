/**
 * npm run keys:rotate [-- --batch 1000]
 * Re-seals every personal value under the active master key (the first of UNISSON_MASTER_KEYS),
 * table by table, in batches, while the service runs: reads accept every listed key, new writes
 * already use the active one, and a row the service changes meanwhile is left as it is. When it
 * ends with "0 left", the old key can be removed from UNISSON_MASTER_KEYS. Progress on stderr;
 * the last stdout line is one JSON object. Runs again without harm (what is current is skipped).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@unisson/config';
import { installPersonalDataKeys, rotateSealedColumns } from '@unisson/crypto';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';

const log = (message: string) => process.stderr.write(`[keys:rotate] ${message}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const { envelope } = installPersonalDataKeys(config.encryption);
  const batchIndex = process.argv.indexOf('--batch');
  const batchSize = batchIndex > 0 ? Number(process.argv[batchIndex + 1]) : 1_000;
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    log(`active master key: "${envelope.activeKeyId}"`);
    const summary = await rotateSealedColumns(dataSource, envelope, { batchSize, log });
    log(
      summary.left === 0
        ? '0 left under an older key: it can be removed from UNISSON_MASTER_KEYS'
        : `${summary.left} values still under an older key (written during the run?): run again`,
    );
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (summary.left > 0) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
