import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { csvField as writeField, detectDialect, parseCsvText, readCsv } from '@unisson/platform';
import { PartnerRecordInput } from '../domain/record';

/** Partner records and assignments in the column format of data/linkage, read with csv-parse (through @unisson/platform). */
export function parseCsv(text: string): string[][] {
  return parseCsvText(text);
}

export function csvField(value: string): string {
  return writeField(value);
}

const COLUMNS: Record<string, keyof PartnerRecordInput> = {
  record_id: 'recordId',
  partner_kind: 'partnerKind',
  last_name: 'lastName',
  first_name: 'firstName',
  birth_date: 'birthDate',
  street: 'street',
  address_extra: 'addressExtra',
  postal_code: 'postalCode',
  city: 'city',
  phone: 'phone',
  email: 'email',
  caf_number: 'cafNumber',
};

const HEADER_MISSING =
  'Le fichier doit commencer par une ligne d’en-tête contenant au moins "record_id" (format de data/linkage/*/records.csv).';
const EMPTY = 'Le fichier est vide : il doit contenir une ligne d’en-tête "record_id,..." puis les enregistrements.';

function mappingOf(header: string[]): Array<keyof PartnerRecordInput | undefined> {
  if (!header.includes('record_id')) throw new Error(HEADER_MISSING);
  return header.map((h) => COLUMNS[h.trim()]);
}

function recordOf(mapping: Array<keyof PartnerRecordInput | undefined>, cells: string[]): PartnerRecordInput {
  const record: Record<string, string> = {};
  mapping.forEach((key, i) => {
    if (key) record[key] = (cells[i] ?? '').trim();
  });
  return record as unknown as PartnerRecordInput;
}

/** Reads partner records in the column format of data/linkage (header row required). */
export function parseRecordsCsv(text: string): PartnerRecordInput[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(EMPTY);
  const mapping = mappingOf(header);
  return rows.map((cells) => recordOf(mapping, cells));
}

/** Streams the partner records of a file to a callback (the CLI normalises them as they come). */
export async function forEachRecordOfFile(path: string, onRecord: (record: PartnerRecordInput) => void): Promise<void> {
  const head = Buffer.alloc(65536);
  const fd = openSync(path, 'r');
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  let mapping: Array<keyof PartnerRecordInput | undefined> | null = null;
  for await (const row of readCsv(createReadStream(path), detectDialect(head.subarray(0, length)), (problem) => {
    throw new Error(`ligne ${problem.line} : ${problem.message}`);
  })) {
    if (!mapping) mapping = mappingOf(row.cells);
    else onRecord(recordOf(mapping, row.cells));
  }
  if (!mapping) throw new Error(EMPTY);
}

/** Reads record_id,household_id pairs. */
export function parseAssignmentsCsv(text: string): Map<string, string> {
  const [, ...rows] = parseCsv(text);
  return new Map(rows.map((r) => [r[0], r[1]]));
}
