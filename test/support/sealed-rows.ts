import type { DataSource } from 'typeorm';
import { openValue } from '@unisson/crypto';

/**
 * Outbound messages to a recipient, for tests that used to search `recipient = …`: the column is
 * sealed at rest (decision 0020), so the rows are opened and filtered here, as only a test may.
 * `columns` is a trusted SQL list (e.g. "id, status").
 */
export async function messagesTo<T extends Record<string, unknown>>(
  db: Pick<DataSource, 'query'>,
  recipients: string | readonly string[],
  columns: string,
  where = 'TRUE',
): Promise<T[]> {
  const wanted = new Set(typeof recipients === 'string' ? [recipients] : recipients);
  const rows: Array<T & { recipient: string }> = await db.query(
    `SELECT recipient, ${columns} FROM outbound_message WHERE ${where} ORDER BY created_at`,
  );
  return rows
    .filter((r) => wanted.has(openValue(r.recipient, 'outbound_message.recipient')))
    .map(({ recipient: _sealed, ...rest }) => rest as unknown as T);
}
