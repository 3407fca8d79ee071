import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * The letters' fonts, from maintained npm font packages (Fontsource's Noto Sans and Noto Sans
 * Arabic), so that a fresh clone prints the same letters as this machine without system fonts.
 *
 * Fontsource ships WOFF files cut into Unicode subsets that all carry the family name "Noto Sans".
 * Typst picks one font per family and variant, so each subset is unpacked to plain TrueType and
 * renamed to a family of its own ("Unisson Latin", "Unisson Latin Ext", "Unisson Arabic"): the
 * letter lists the three families and Typst takes, character by character, the first that has it.
 */
export const LETTER_FONT_FAMILIES = ['Unisson Latin', 'Unisson Latin Ext', 'Unisson Arabic'] as const;

interface FontFile {
  pkg: string;
  file: (weight: 400 | 700) => string;
  family: (typeof LETTER_FONT_FAMILIES)[number];
}

const FONT_FILES: FontFile[] = [
  { pkg: '@fontsource/noto-sans', file: (w) => `noto-sans-latin-${w}-normal.woff`, family: 'Unisson Latin' },
  { pkg: '@fontsource/noto-sans', file: (w) => `noto-sans-latin-ext-${w}-normal.woff`, family: 'Unisson Latin Ext' },
  { pkg: '@fontsource/noto-sans-arabic', file: (w) => `noto-sans-arabic-arabic-${w}-normal.woff`, family: 'Unisson Arabic' },
];

/** WOFF 1.0 (zlib-compressed tables) to the TrueType/OpenType file it wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('ascii', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const tableCount = woff.readUInt16BE(12);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < tableCount; i++) {
    const entry = 44 + i * 20;
    const tag = woff.toString('latin1', entry, entry + 4);
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    tables.set(tag, compressed < original ? inflateSync(raw) : Buffer.from(raw));
  }
  return buildSfnt(woff.readUInt32BE(4), tables);
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function buildSfnt(flavor: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  let selector = 0;
  while (1 << (selector + 1) <= count) selector++;
  const searchRange = (1 << selector) * 16;
  const head = Buffer.alloc(12 + 16 * count);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(selector, 8);
  head.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const entry = 12 + i * 16;
    head.write(tag, entry, 'latin1');
    head.writeUInt32BE(checksum(data), entry + 4);
    head.writeUInt32BE(offset, entry + 8);
    head.writeUInt32BE(data.length, entry + 12);
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  return Buffer.concat(parts);
}

/** A `name` table that only names the family, the style, the full name and the PostScript name. */
export function nameTable(family: string, style: 'Regular' | 'Bold'): Buffer {
  const records: Array<[number, string]> = [
    [1, family],
    [2, style],
    [4, `${family} ${style}`],
    [6, `${family.replace(/\s+/g, '')}-${style}`],
  ];
  const strings = records.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const header = Buffer.alloc(6 + 12 * records.length);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(records.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach(([nameId], i) => {
    const at = 6 + i * 12;
    header.writeUInt16BE(3, at); // Windows
    header.writeUInt16BE(1, at + 2); // Unicode BMP
    header.writeUInt16BE(0x409, at + 4);
    header.writeUInt16BE(nameId, at + 6);
    header.writeUInt16BE(strings[i].length, at + 8);
    header.writeUInt16BE(offset, at + 10);
    offset += strings[i].length;
  });
  return Buffer.concat([header, ...strings]);
}

/** Unpacks a WOFF subset and gives it a family of its own. */
export function renamedFont(woff: Buffer, family: string, style: 'Regular' | 'Bold'): Buffer {
  const sfnt = woffToSfnt(woff);
  const count = sfnt.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16;
    const tag = sfnt.toString('latin1', entry, entry + 4);
    const offset = sfnt.readUInt32BE(entry + 8);
    tables.set(tag, sfnt.subarray(offset, offset + sfnt.readUInt32BE(entry + 12)));
  }
  tables.set('name', nameTable(family, style));
  return buildSfnt(sfnt.readUInt32BE(0), tables);
}

function packageFilesDir(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
}

/** Every letter font (regular and bold of each family), ready for the PDF engine. */
export function loadLetterFonts(): Buffer[] {
  const fonts: Buffer[] = [];
  for (const font of FONT_FILES) {
    for (const weight of [400, 700] as const) {
      const woff = readFileSync(join(packageFilesDir(font.pkg), font.file(weight)));
      fonts.push(renamedFont(woff, font.family, weight === 700 ? 'Bold' : 'Regular'));
    }
  }
  return fonts;
}
