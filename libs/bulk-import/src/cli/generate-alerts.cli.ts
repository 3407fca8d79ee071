/**
 * npm run import:generate -- --rows 50000 --out var/alertes-50000.csv [--encoding windows-1252] [--invalid 0.002]
 * Writes a landlord export of arrears alerts as French software does (";" and, by default,
 * Windows-1252), with a few deliberately wrong rows so the error report has something to say.
 */
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { generateAlertRows } from './alert-file-generator';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const rows = Number(argument('rows') ?? 50_000);
const out = argument('out') ?? `var/alertes-${rows}.csv`;
const encoding = argument('encoding') ?? 'windows-1252';
const text = generateAlertRows(rows, { invalidShare: Number(argument('invalid') ?? 0.002), seed: Number(argument('seed') ?? 93) });
writeFileSync(out, encoding === 'utf-8' ? Buffer.from(`\ufeff${text}`, 'utf8') : iconv.encode(text, 'win1252'));
process.stderr.write(`${rows} lignes écrites dans ${out} (${encoding}, « ; »)\n`);
