import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';

/**
 * CSV as French software exports it: `;` or `,` (or tab), UTF-8 with or without a BOM, or
 * Windows-1252 (Excel "CSV (séparateur : point-virgule)"). Parsed by csv-parse, streamed.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvDialect {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  bom: boolean;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Windows, Unix and old Mac line ends, even mixed in one file. */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

/** True when the bytes are valid UTF-8 (an incomplete sequence cut at the very end is allowed). */
function isUtf8(bytes: Buffer): boolean {
  let end = bytes.length;
  // Drop a multi-byte sequence the sample may have cut in half.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function countOutsideQuotes(line: string, char: string): number {
  let quoted = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === char) count++;
  }
  return count;
}

/** The dialect of a file, from its first bytes (64 KiB is plenty). */
export function detectDialect(head: Buffer): CsvDialect {
  const bom = head.subarray(0, 3).equals(UTF8_BOM);
  const encoding: CsvEncoding = bom || isUtf8(head) ? 'utf-8' : 'windows-1252';
  const text = encoding === 'utf-8' ? head.subarray(bom ? 3 : 0).toString('utf8') : iconv.decode(head, 'win1252');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts: Array<[CsvDelimiter, number]> = [
    [';', countOutsideQuotes(firstLine, ';')],
    [',', countOutsideQuotes(firstLine, ',')],
    ['\t', countOutsideQuotes(firstLine, '\t')],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return { encoding, bom, delimiter: counts[0][1] > 0 ? counts[0][0] : ',' };
}

export interface CsvRow {
  /** Line of the file where the row starts (1 = the first line). */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvItem = ({ kind: 'row' } & CsvRow) | ({ kind: 'problem'; unclosedQuote: boolean } & CsvProblem);

/**
 * Streams the rows of a CSV source, and its unreadable records in their place (one problem per
 * record, at the line where it starts). A quote inside an unquoted field (`Le "Grand"`) is read
 * as it is, as spreadsheets write it. A quote opened and never closed swallows the rest of the
 * source: the problem says so (`unclosedQuote`); `readCsvBuffer` reads on from the next line.
 */
export async function* readCsvItems(source: Readable, dialect: CsvDialect, firstLine = 1): AsyncGenerator<CsvItem> {
  const decoded = dialect.encoding === 'windows-1252' ? source.pipe(iconv.decodeStream('win1252')) : source;
  const offset = firstLine - 1;
  // The parser reports skipped records as it parses, ahead of the records it has buffered:
  // each problem waits for the first record after it, so the items come in the file's order.
  const pending: Array<{ kind: 'problem'; unclosedQuote: boolean } & CsvProblem> = [];
  let lastRecordEnd = 0;
  const parser = decoded.pipe(
    parse({
      delimiter: dialect.delimiter,
      record_delimiter: RECORD_DELIMITERS,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_record: (record: string[], context: { lines: number }) => {
        lastRecordEnd = context.lines;
        return record;
      },
    }),
  );
  parser.on('skip', (error: Error & { code?: string }) => {
    const line = offset + lastRecordEnd + 1;
    lastRecordEnd = Math.max(lastRecordEnd, (error as { lines?: number }).lines ?? lastRecordEnd);
    if (pending.some((p) => p.line === line)) return; // csv-parse may report one record twice
    const unclosedQuote = error.code === 'CSV_QUOTE_NOT_CLOSED';
    pending.push({
      kind: 'problem',
      unclosedQuote,
      line,
      message: `ligne illisible (${frenchCsvError(error.message)}) : elle est ignorée`,
    });
  });
  source.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = record.map((c) => c.trim());
    const line = offset + info.lines;
    while (pending.length && pending[0].line < line) yield pending.shift()!;
    if (cells.every((c) => c === '')) continue;
    yield { kind: 'row', line, cells };
  }
  yield* pending;
}

/** Streams the rows of a CSV source; an unreadable record is reported to `onProblem` and skipped. */
export async function* readCsv(
  source: Readable,
  dialect: CsvDialect,
  onProblem: (p: CsvProblem) => void = () => undefined,
): AsyncGenerator<CsvRow> {
  for await (const item of readCsvItems(source, dialect)) {
    if (item.kind === 'row') yield { line: item.line, cells: item.cells };
    else onProblem({ line: item.line, message: item.message });
  }
}

/**
 * The rows and unreadable records of a whole file in memory. Where a quote opened and never
 * closed would swallow the end of the file, that one line is reported and reading goes on from
 * the next: every line of the file is either a row or a problem.
 */
export async function* readCsvBuffer(content: Buffer, dialect: CsvDialect): AsyncGenerator<CsvItem> {
  let source = content;
  let sourceDialect = dialect;
  let firstLine = 1;
  let lineStarts: number[] | null = null; // of the decoded text, found only when a quote is never closed
  let text = '';
  for (;;) {
    let resumeAt: number | null = null;
    for await (const item of readCsvItems(Readable.from([source]), sourceDialect, firstLine)) {
      if (item.kind === 'problem' && item.unclosedQuote) {
        yield { ...item, message: 'ligne illisible (guillemet ouvert jamais fermé) : elle est ignorée' };
        resumeAt = item.line + 1;
      } else yield item;
    }
    if (resumeAt === null) return;
    if (!lineStarts) {
      text = dialect.encoding === 'windows-1252' ? iconv.decode(content, 'win1252') : content.toString('utf8');
      lineStarts = [0];
      for (const match of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(match.index + match[0].length);
    }
    if (resumeAt > lineStarts.length) return;
    firstLine = resumeAt;
    source = Buffer.from(text.slice(lineStarts[firstLine - 1]), 'utf8');
    sourceDialect = { ...dialect, encoding: 'utf-8' };
  }
}

function frenchCsvError(message: string): string {
  if (/quote/i.test(message)) return 'guillemet mal fermé';
  if (/delimiter/i.test(message)) return 'séparateur inattendu';
  return 'format CSV invalide';
}

/** Rows of a whole CSV text at once (tests, small files). */
export function parseCsvText(text: string, delimiter: CsvDelimiter = ','): string[][] {
  return parseSync(text, {
    delimiter,
    record_delimiter: RECORD_DELIMITERS,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
}

/** A field as a CSV writer must write it. */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
