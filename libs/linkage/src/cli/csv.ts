import { PartnerRecordInput } from '../domain/record';

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  forEachCsvRow(text, (row) => rows.push(row));
  return rows;
}

/** Streams rows to a callback, so a million-line file never exists twice in memory. */
export function forEachCsvRow(text: string, onRow: (row: string[]) => void): void {
  const rows = { push: (r: string[]) => (r.length > 1 || r[0] !== '' ? onRow(r) : undefined) };
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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

/** Reads partner records in the column format of data/linkage (header row required). */
export function parseRecordsCsv(text: string): PartnerRecordInput[] {
  const records: PartnerRecordInput[] = [];
  forEachRecord(text, (r) => records.push(r));
  return records;
}

/** Streams partner records to a callback (the CLI normalises them as they come). */
export function forEachRecord(text: string, onRecord: (record: PartnerRecordInput) => void): void {
  let mapping: Array<keyof PartnerRecordInput | undefined> | null = null;
  forEachCsvRow(text, (cells) => {
    if (!mapping) {
      if (!cells.includes('record_id')) {
        throw new Error(
          'Le fichier doit commencer par une ligne d’en-tête contenant au moins "record_id" (format de data/linkage/*/records.csv).',
        );
      }
      mapping = cells.map((h) => COLUMNS[h.trim()]);
      return;
    }
    const record: Record<string, string> = {};
    mapping.forEach((key, i) => {
      if (key) record[key] = (cells[i] ?? '').trim();
    });
    onRecord(record as unknown as PartnerRecordInput);
  });
  if (!mapping) throw new Error('Le fichier est vide : il doit contenir une ligne d’en-tête "record_id,..." puis les enregistrements.');
}

/** Reads record_id,household_id pairs. */
export function parseAssignmentsCsv(text: string): Map<string, string> {
  const [, ...rows] = parseCsv(text);
  return new Map(rows.map((r) => [r[0], r[1]]));
}
