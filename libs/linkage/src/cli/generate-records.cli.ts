/** npm run linkage:generate -- --count 1000000 --out records.csv [--truth truth.csv] [--seed 42] */
import { createWriteStream } from 'fs';
import { csvField } from './csv';
import { generateRecords } from './record-generator';

const HEADER =
  'record_id,partner_kind,partner_ref,last_name,first_name,birth_date,street,address_extra,postal_code,city,phone,email,caf_number';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function writeGeneratedRecords(count: number, out: string, truthOut?: string, seed = 42): Promise<void> {
  const records = createWriteStream(out);
  const truth = truthOut ? createWriteStream(truthOut) : null;
  records.write(`${HEADER}\n`);
  truth?.write('record_id,household_id\n');
  let n = 0;
  for (const { record: r, householdId } of generateRecords(count, seed)) {
    const row = [
      r.recordId,
      r.partnerKind ?? '',
      r.recordId,
      r.lastName,
      r.firstName,
      r.birthDate,
      r.street,
      r.addressExtra,
      r.postalCode,
      r.city,
      r.phone,
      r.email,
      r.cafNumber,
    ];
    if (!records.write(`${row.map((v) => csvField(v ?? '')).join(',')}\n`))
      await new Promise<void>((resolve) => records.once('drain', () => resolve()));
    truth?.write(`${r.recordId},${householdId}\n`);
    if (++n % 100_000 === 0) process.stderr.write(`[generate] ${n}/${count}\n`);
  }
  await Promise.all([
    new Promise((resolve) => records.end(resolve)),
    truth ? new Promise((resolve) => truth.end(resolve)) : Promise.resolve(),
  ]);
}

if (require.main === module) {
  const out = argument('out');
  if (!out) {
    process.stderr.write('Usage : npm run linkage:generate -- --count 1000000 --out records.csv [--truth truth.csv]\n');
    process.exit(2);
  }
  void writeGeneratedRecords(Number(argument('count') ?? 100_000), out, argument('truth'), Number(argument('seed') ?? 42));
}
