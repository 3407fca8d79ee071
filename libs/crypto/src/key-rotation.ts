import type { DataSource } from 'typeorm';
import { rewriteColumns } from './column-rewrite';
import { Envelope, SEALED_PREFIX } from './domain/envelope';
import { SealedColumn } from './sealed-column';

/**
 * Master key rotation: re-seals every column an entity declares sealed (its transformer) under
 * the active master key, table by table, in batches, while the service runs (compare-and-set
 * rows, see rewriteColumns). Used by `npm run keys:rotate`.
 */
interface SealedTable {
  table: string;
  id: { column: string; type: 'uuid' | 'text' };
  columns: Array<{ name: string; sqlType: 'text' | 'jsonb' | 'bytea' | 'text[]'; sealed: SealedColumn }>;
}

export interface RotationSummary {
  activeKeyId: string;
  tables: Record<string, { rows: number; resealed: number }>;
  /** Sealed values still under another master key after the run (0: the old key may go). */
  left: number;
}

/** Every column an entity declares sealed, grouped by table. */
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

function resealer(envelope: Envelope) {
  /** The value re-sealed under the active key, or undefined when it is current already (or not sealed). */
  const resealText = (value: unknown, context: string): string | undefined =>
    typeof value === 'string' && value.startsWith(SEALED_PREFIX) && !envelope.isCurrent(value)
      ? // byte for byte: a deflated plaintext stays deflated
        envelope.sealBytes(envelope.openBytes(value, context), context)
      : undefined;
  return (value: unknown, column: SealedTable['columns'][number]): unknown => {
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
}

export async function rotateSealedColumns(
  dataSource: DataSource,
  envelope: Envelope,
  options: { batchSize?: number; log?: (message: string) => void } = {},
): Promise<RotationSummary> {
  const log = options.log ?? (() => undefined);
  const reseal = resealer(envelope);
  const tables: RotationSummary['tables'] = {};
  for (const table of sealedTables(dataSource)) {
    const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM "${table.table}"`)) as Array<{ total: number }>;
    const started = Date.now();
    let last = 0;
    // text[] columns are rewritten row by row below (unnest cannot split arrays by row).
    const flat = table.columns.filter((c) => c.sqlType !== 'text[]');
    const { rows, changed } = flat.length
      ? await rewriteColumns(dataSource, {
          table: table.table,
          id: table.id,
          columns: flat.map((c) => ({ name: c.name, type: c.sqlType as 'text' })),
          batchSize: options.batchSize,
          rewrite: (row) => {
            const next: Record<string, unknown> = {};
            for (const column of flat) {
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
        })
      : { rows: total, changed: 0 };
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
    tables[table.table] = { rows, resealed: changed + arrays };
    log(`${table.table}: done, ${changed + arrays} re-sealed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { activeKeyId: envelope.activeKeyId, tables, left: await countStaleValues(dataSource, envelope) };
}

/** Sealed values whose master key is not the active one. */
export async function countStaleValues(dataSource: DataSource, envelope: Envelope): Promise<number> {
  let left = 0;
  for (const table of sealedTables(dataSource)) {
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
        [`${SEALED_PREFIX}%`, `%${SEALED_PREFIX}${envelope.activeKeyId}.%`],
      )) as Array<{ n: number }>;
      left += n;
    }
  }
  return left;
}
