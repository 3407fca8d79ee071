/**
 * npm run bench:linkage -- --db 1000000   (or run this file directly: --records N)
 * p95 of LinkageService.linkRecord (real time, Postgres blocking-key index) against N records.
 * Creates a throwaway database linkage_bench_<random> and drops it at the end.
 */
import 'reflect-metadata';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src';
import { generateRecords } from '../../libs/linkage/src/cli/record-generator';
import { blockKeyHash } from '../../libs/crypto/src';
import { blockingKeys } from '../../libs/linkage/src/domain/blocking';
import { DEFAULT_THRESHOLDS, HouseholdMatcher } from '../../libs/linkage/src/domain/household-matcher';
import { normaliseRecord, PartnerRecordInput } from '../../libs/linkage/src/domain/record';
import { LinkageRepository } from '../../libs/linkage/src/linkage.repository';
import { LinkageService } from '../../libs/linkage/src/linkage.service';
import { linkageEntities, linkageMigrations } from '../../libs/linkage/src/schema';

const log = (m: string) => process.stderr.write(`[bench:linkage:db] ${m}\n`);
const ADMIN = process.env.LINKAGE_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function incrementalDbRun(count: number, probes = 500) {
  const name = `linkage_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(
    dataSourceOptions(url.toString(), { entities: linkageEntities, migrations: linkageMigrations }, { poolSize: 4 }),
  );
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const repository = new LinkageRepository(dataSource);
    const territory = 'bench';
    const all: PartnerRecordInput[] = [];
    const truth = new Map<string, string>();
    for (const { record, householdId } of generateRecords(count + probes, 5)) {
      all.push(record);
      truth.set(record.recordId, householdId);
    }
    log(`fitting the model on ${Math.min(count, 50_000)} records`);
    const model = new HouseholdMatcher().link(all.slice(0, Math.min(count, 50_000))).model;
    await repository.saveModel(territory, model, count);
    const batch: Array<{ stored: { record: ReturnType<typeof normaliseRecord>; householdKey: string }; keyHashes: number[] }> = [];
    for (let i = 0; i < count; i++) {
      const record = normaliseRecord(all[i]);
      batch.push({
        stored: { record, householdKey: truth.get(record.recordId) as string },
        keyHashes: blockingKeys(record).map(blockKeyHash),
      });
      if (batch.length === 20_000 || i === count - 1) {
        await repository.insertRecords(territory, batch.splice(0));
        log(`loaded ${i + 1}/${count}`);
      }
    }
    await dataSource.query('ANALYZE');
    const service = new LinkageService(repository, DEFAULT_THRESHOLDS);
    const timings: number[] = [];
    for (let i = count; i < count + probes; i++) {
      const started = process.hrtime.bigint();
      await service.linkRecord(territory, all[i]);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    timings.sort((a, b) => a - b);
    const at = (q: number) => Math.round(timings[Math.floor(timings.length * q)] * 1000) / 1000;
    return { indexed: count, probes, p50Ms: at(0.5), p95Ms: at(0.95), store: 'postgres' };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name}`);
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--records');
  const count = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
  void incrementalDbRun(count).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
