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

/**
 * Streams the rows of a CSV source. A malformed row (an unclosed quote…) is reported to
 * `onProblem` and skipped; the rest of the file is still read.
 */
export async function* readCsv(
  source: Readable,
  dialect: CsvDialect,
  onProblem: (p: CsvProblem) => void = () => undefined,
): AsyncGenerator<CsvRow> {
  const decoded = dialect.encoding === 'windows-1252' ? source.pipe(iconv.decodeStream('win1252')) : source;
  const parser = decoded.pipe(
    parse({
      delimiter: dialect.delimiter,
      record_delimiter: RECORD_DELIMITERS,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) =>
    onProblem({ line: error.lines ?? 0, message: `ligne illisible (${frenchCsvError(error.message)}) : elle est ignorée` }),
  );
  source.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; records: number } & { raw?: string };
  }>) {
    const cells = record.map((c) => c.trim());
    if (cells.every((c) => c === '')) continue;
    yield { line: (info as unknown as { lines: number }).lines, cells };
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
