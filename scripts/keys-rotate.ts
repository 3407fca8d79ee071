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
import { Envelope, installPersonalDataKeys, rewriteColumns, SealedColumn, SEALED_PREFIX } from '@unisson/crypto';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';

const log = (message: string) => process.stderr.write(`[keys:rotate] ${message}\n`);

interface SealedTable {
  table: string;
  id: { column: string; type: 'uuid' | 'text' };
  columns: Array<{ name: string; sqlType: 'text' | 'jsonb' | 'bytea' | 'text[]'; sealed: SealedColumn }>;
}

/** Every column an entity declares sealed (its transformer), grouped by table. */
function sealedTables(dataSource: DataSource): SealedTable[] {
  return dataSource.entityMetadatas.flatMap((entity) => {
    const columns = entity.columns
      .filter((c) => c.transformer instanceof SealedColumn)
      .map((c) => ({
        name: c.databaseName,
        sqlType: (c.isArray ? 'text[]' : String(c.type)) as SealedTable['columns'][number]['sqlType'],
        sealed: c.transformer as SealedColumn,
      }));
    const [primary, ...more] = entity.primaryColumns;
    if (!columns.length) return [];
    if (!primary || more.length) throw new Error(`${entity.tableName}: sealed columns need a single-column primary key`);
    return [{ table: entity.tableName, id: { column: primary.databaseName, type: primary.type === 'uuid' ? 'uuid' : 'text' }, columns }];
  });
}

function main(): Promise<void> {
  const config = loadConfig();
  const keys = installPersonalDataKeys(config.encryption);
  const envelope = keys.envelope;
  const batchIndex = process.argv.indexOf('--batch');
  const batchSize = batchIndex > 0 ? Number(process.argv[batchIndex + 1]) : 1_000;
  const dataSource = new DataSource(dataSourceOptions(config.database.url, unissonSchema, { poolSize: 2 }));
  /** The value re-sealed under the active key, or undefined when it is current already (or not sealed). */
  const resealText = (value: unknown, context: string): string | undefined =>
    typeof value === 'string' && value.startsWith(SEALED_PREFIX) && !envelope.isCurrent(value)
      ? envelope.seal(envelope.open(value, context), context)
      : undefined;
  const reseal = (value: unknown, column: SealedTable['columns'][number]): unknown => {
    const context = column.sealed.context;
    if (value === null || value === undefined) return undefined;
    switch (column.sealed.format) {
      case 'document': {
        const document = value as Record<string, unknown>;
        const sealed = resealText(document.sealed, context);
        return sealed === undefined ? undefined : { ...document, sealed };
      }
      case 'bytes': {
        const text = (value as Buffer).toString('latin1');
        if (!text.startsWith(SEALED_PREFIX) || envelope.isCurrent(text)) return undefined;
        return Buffer.from(envelope.sealBytes(envelope.openBytes(text, context), context), 'latin1');
      }
      case 'text[]': {
        const lines = value as string[];
        const next = lines.map((line) => resealText(line, context) ?? line);
        return next.some((line, i) => line !== lines[i]) ? next : undefined;
      }
      default:
        return resealText(value, context);
    }
  };
  return dataSource.initialize().then(async () => {
    const summary: Record<string, { rows: number; resealed: number }> = {};
    try {
      log(`active master key: "${envelope.activeKeyId}"`);
      for (const table of sealedTables(dataSource)) {
        const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM "${table.table}"`)) as Array<{ total: number }>;
        const started = Date.now();
        let last = 0;
        const { rows, changed } = await rewriteColumns(dataSource, {
          table: table.table,
          id: table.id,
          // text[] columns rewrite through their own type (unnest cannot split arrays by row).
          columns: table.columns.filter((c) => c.sqlType !== 'text[]').map((c) => ({ name: c.name, type: c.sqlType as 'text' })),
          batchSize,
          rewrite: (row) => {
            const next: Record<string, unknown> = {};
            for (const column of table.columns.filter((c) => c.sqlType !== 'text[]')) {
              const value = reseal(row[column.name], column);
              if (value !== undefined) next[column.name] = value;
            }
            return Object.keys(next).length ? next : null;
          },
          onProgress: (done, resealed) => {
            if (Date.now() - last < 1_000 && done < total) return;
            last = Date.now();
            log(`${table.table}: ${done}/${total} rows read (${total ? Math.round((done / total) * 100) : 100} %), ${resealed} re-sealed`);
          },
        });
        let arrays = 0;
        for (const column of table.columns.filter((c) => c.sqlType === 'text[]')) {
          const values: Array<{ id: string; lines: string[] }> = await dataSource.query(
            `SELECT "${table.id.column}" AS id, "${column.name}" AS lines FROM "${table.table}"`,
          );
          for (const v of values) {
            const next = reseal(v.lines, column);
            if (next === undefined) continue;
            await dataSource.query(
              `UPDATE "${table.table}" SET "${column.name}" = $2 WHERE "${table.id.column}" = $1 AND "${column.name}" = $3`,
              [v.id, next, v.lines],
            );
            arrays++;
          }
        }
        summary[table.table] = { rows, resealed: changed + arrays };
        log(`${table.table}: done, ${changed + arrays} re-sealed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      const left = await countLeft(dataSource, envelope, sealedTables(dataSource));
      log(
        left === 0
          ? `0 left under an older key: it can be removed from UNISSON_MASTER_KEYS`
          : `${left} values still under an older key (written during the run?): run again`,
      );
      process.stdout.write(`${JSON.stringify({ activeKeyId: envelope.activeKeyId, tables: summary, left })}\n`);
      if (left > 0) process.exitCode = 1;
    } finally {
      await dataSource.destroy();
    }
  });
}

/** Sealed values whose master key is not the active one. */
async function countLeft(dataSource: DataSource, envelope: Envelope, tables: SealedTable[]): Promise<number> {
  let left = 0;
  const stale = `${SEALED_PREFIX}%`;
  const current = `${SEALED_PREFIX}${envelope.activeKeyId}.%`;
  for (const table of tables) {
    for (const column of table.columns) {
      const expression =
        column.sqlType === 'jsonb'
          ? `"${column.name}"->>'sealed'`
          : column.sqlType === 'bytea'
            ? `convert_from(substring("${column.name}" from 1 for 64), 'LATIN1')`
            : column.sqlType === 'text[]'
              ? `array_to_string("${column.name}", ' ')`
              : `"${column.name}"`;
      const [{ n }] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM "${table.table}" WHERE ${expression} LIKE $1 AND ${expression} NOT LIKE $2`,
        [stale, current],
      )) as Array<{ n: number }>;
      left += n;
    }
  }
  return left;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
