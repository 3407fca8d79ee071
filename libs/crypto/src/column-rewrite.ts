/** A migration's QueryRunner or a DataSource. */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Rewrites some columns of a table in batches (keyset by primary key, one UPDATE per batch):
 * the migrations that seal existing rows, and `keys:rotate`, which re-seals them under the active
 * master key. `rewrite` returns the row's new values, or null to leave the row alone. Each row is
 * updated only if it still holds the values read (the service may write meanwhile: no downtime).
 */
export interface ColumnRewrite {
  table: string;
  /** Primary key column and its SQL type (for the keyset and the UPDATE's unnest). */
  id: { column: string; type: 'uuid' | 'text' };
  columns: ReadonlyArray<{ name: string; type: 'text' | 'jsonb' | 'bytea' }>;
  rewrite(row: Record<string, unknown>): Record<string, unknown> | null;
  batchSize?: number;
  onProgress?: (done: number, changed: number) => void;
}

export async function rewriteColumns(runner: SqlRunner, job: ColumnRewrite): Promise<{ rows: number; changed: number }> {
  const batchSize = job.batchSize ?? 1_000;
  const q = (name: string) => `"${name}"`;
  const id = q(job.id.column);
  const select = [id, ...job.columns.map((c) => q(c.name))].join(', ');
  let after: unknown = null;
  let rows = 0;
  let changed = 0;
  for (;;) {
    const batch: Array<Record<string, unknown>> = await runner.query(
      `SELECT ${select} FROM ${q(job.table)} ${after === null ? '' : `WHERE ${id} > $2`} ORDER BY ${id} LIMIT $1`,
      after === null ? [batchSize] : [batchSize, after],
    );
    if (batch.length === 0) break;
    after = batch[batch.length - 1][job.id.column];
    rows += batch.length;
    const updates: Array<Record<string, unknown>> = batch.flatMap((row) => {
      const next = job.rewrite(row);
      return next ? [{ ...next, id: row[job.id.column] }] : [];
    });
    if (updates.length) {
      const names = job.columns.filter((c) => c.name !== 'id' && updates.some((u) => c.name in u));
      const before = (u: Record<string, unknown>) => row(batch, job.id.column, u.id);
      const encode = (type: string, value: unknown) =>
        type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : value;
      const params: unknown[] = [updates.map((u) => u.id)];
      for (const c of names) params.push(updates.map((u) => encode(c.type, c.name in u ? u[c.name] : before(u)[c.name])));
      for (const c of names) params.push(updates.map((u) => encode(c.type, before(u)[c.name])));
      const newNames = names.map((c) => q(c.name));
      const oldNames = names.map((c) => q(`old_${c.name}`));
      // Compare-and-set: a row the service changed meanwhile (already written under the active key) is left as it is.
      const result: unknown = await runner.query(
        `UPDATE ${q(job.table)} t SET ${names.map((c, i) => `${q(c.name)} = v.${newNames[i]}`).join(', ')}
           FROM unnest($1::${job.id.type}[], ${[...names, ...names].map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')})
             AS v(id, ${[...newNames, ...oldNames].join(', ')})
          WHERE t.${id} = v.id AND ${names.map((c, i) => `t.${q(c.name)} IS NOT DISTINCT FROM v.${oldNames[i]}`).join(' AND ')}`,
        params,
      );
      changed += Array.isArray(result) && typeof result[1] === 'number' ? result[1] : updates.length;
    }
    job.onProgress?.(rows, changed);
    if (batch.length < batchSize) break;
  }
  return { rows, changed };
}

function row(batch: Array<Record<string, unknown>>, idColumn: string, id: unknown): Record<string, unknown> {
  return batch.find((r) => r[idColumn] === id) as Record<string, unknown>;
}

/** The erasure marker retention writes: kept as it is (it says the data is gone). */
const ERASED = '[effacé]';

/** Sealed form of a text value for a migration: null, already sealed or the erasure marker stay. */
export function sealedForMigration(value: unknown, context: string, seal: (value: string, context: string) => string): unknown {
  if (value === null || value === undefined) return value;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (text.startsWith('pii1.') || text === ERASED) return text;
  return seal(text, context);
}
