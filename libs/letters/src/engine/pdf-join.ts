import { createHash } from 'node:crypto';

/**
 * Joins the PDFs Typst wrote for the chunks of a print batch into one file, page after page,
 * without parsing their content: every object is copied byte for byte (streams untouched), only
 * renumbered, under a new catalog and page tree. A general PDF library (pdf-lib) parsed and
 * rebuilt every object and cost more than laying the letters out (decision 0022).
 *
 * It reads only what Typst writes (a classic cross-reference table, no object streams, a flat
 * page tree, a catalog with nothing that points into the pages); anything else is refused with
 * a clear error rather than joined wrongly.
 */
export class PdfJoinError extends Error {
  constructor(message: string) {
    super(`PDF join: ${message}`);
    this.name = 'PdfJoinError';
  }
}

interface ParsedPdf {
  bytes: Buffer;
  /** Object number to its byte range (from "N 0 obj" to the next object or the table). */
  objects: Map<number, { start: number; end: number }>;
  root: number;
  info: number | null;
}

/** What a Typst catalog holds (keys and their name values); nothing of it points into the pages. */
const CATALOG_KEYS = new Set(['Type', 'Catalog', 'Pages', 'Metadata', 'Lang', 'ViewerPreferences', 'Direction', 'L2R', 'R2L']);
const PAGES_KEYS = new Set(['Type', 'Count', 'Kids', 'Parent']);

function parse(bytes: Buffer): ParsedPdf {
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 2048));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) throw new PdfJoinError('no startxref at the end of a part');
  const xrefAt = Number(startxref[1]);
  const table = bytes.toString('latin1', xrefAt, bytes.length);
  if (!table.startsWith('xref')) throw new PdfJoinError('a part has a cross-reference stream, not a table');
  const trailerAt = table.indexOf('trailer');
  if (trailerAt < 0) throw new PdfJoinError('a part has no trailer');
  const offsets: Array<{ number: number; start: number }> = [];
  const lines = table
    .slice(4, trailerAt)
    .trim()
    .split(/\r?\n|\r/);
  for (let i = 0; i < lines.length;) {
    const [first, count] = lines[i++].trim().split(/\s+/).map(Number);
    for (let k = 0; k < count; k++, i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i]?.trim() ?? '');
      if (!entry) throw new PdfJoinError('malformed cross-reference entry');
      if (entry[3] === 'n') offsets.push({ number: first + k, start: Number(entry[1]) });
    }
  }
  offsets.sort((a, b) => a.start - b.start);
  const objects = new Map<number, { start: number; end: number }>();
  offsets.forEach((o, i) => objects.set(o.number, { start: o.start, end: i + 1 < offsets.length ? offsets[i + 1].start : xrefAt }));
  const trailer = table.slice(trailerAt);
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  if (!root) throw new PdfJoinError('a part has no catalog');
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(trailer);
  return { bytes, objects, root: Number(root[1]), info: info ? Number(info[1]) : null };
}

/** The object's text before its stream (its dictionary), and where the raw part (stream, endobj) starts. */
function head(pdf: ParsedPdf, number: number): { text: string; bodyAt: number; end: number } {
  const range = pdf.objects.get(number);
  if (!range) throw new PdfJoinError(`object ${number} is missing`);
  // A dictionary is short: the stream's bytes after it are copied, never decoded.
  for (let window = Math.min(range.end, range.start + 4096); ; window = range.end) {
    const text = pdf.bytes.toString('latin1', range.start, window);
    const opening = /^\s*\d+\s+\d+\s+obj\b/.exec(text);
    if (!opening) throw new PdfJoinError(`object ${number} does not start where the table says`);
    const stream = streamKeyword(text, opening[0].length);
    const bodyEnd = stream ?? (window === range.end ? text.lastIndexOf('endobj') : -1);
    if (bodyEnd >= 0) return { text: text.slice(opening[0].length, bodyEnd), bodyAt: range.start + bodyEnd, end: range.end };
    if (window === range.end) throw new PdfJoinError(`object ${number} has no endobj`);
  }
}

/** Index of the `stream` keyword outside strings, or null when the object has none. */
function streamKeyword(text: string, from: number): number | null {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') i = skipLiteralString(text, i);
    else if (c === '<') i = text[i + 1] === '<' ? i + 1 : text.indexOf('>', i);
    else if (c === '%') i = text.indexOf('\n', i);
    else if (c === 's' && text.startsWith('stream', i) && !/[A-Za-z/]/.test(text[i - 1] ?? '')) return i;
    else if (c === 'e' && text.startsWith('endobj', i) && !/[A-Za-z/]/.test(text[i - 1] ?? '')) return null;
    if (i < 0) throw new PdfJoinError('unterminated string or comment');
  }
  return null;
}

function skipLiteralString(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

const REFERENCE = /(^|[\s[\]<>{}])(\d+)(\s+)(\d+)(\s+)R(?=[\s[\]<>{}/()]|$)/g;

/** Rewrites every `N G R` outside strings through `renumber`. */
function renumberReferences(text: string, renumber: (n: number) => number): string {
  let out = '';
  let code = '';
  const flush = () => {
    out += code.replace(
      REFERENCE,
      (_m, before: string, n: string, s1: string, g: string, s2: string) => `${before}${renumber(Number(n))}${s1}${g}${s2}R`,
    );
    code = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || (c === '<' && text[i + 1] !== '<')) {
      flush();
      const end = c === '(' ? skipLiteralString(text, i) : text.indexOf('>', i);
      if (end < 0) throw new PdfJoinError('unterminated string');
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '<') {
      code += '<<';
      i++;
    } else code += c;
  }
  flush();
  return out;
}

/** Every name in a dictionary's text (keys and name values alike), strings left out. */
const namesIn = (text: string) => [...text.replace(/\((?:\\.|[^\\)])*\)/g, '()').matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]);

/** The part's pages in order, and every page-tree node (dropped from the joined file). */
function pageTree(pdf: ParsedPdf, catalog: string): { pages: number[]; nodes: number[] } {
  const top = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  if (!top) throw new PdfJoinError('a catalog has no page tree');
  const pages: number[] = [];
  const nodes: number[] = [];
  const visit = (number: number, depth: number) => {
    if (depth > 32) throw new PdfJoinError('page tree too deep');
    const { text } = head(pdf, number);
    if (/\/Type\s*\/Pages\b/.test(text)) {
      const unknown = namesIn(text.replace(/\/Kids\s*\[[^\]]*\]/, '')).filter((k) => !PAGES_KEYS.has(k) && k !== 'Pages');
      if (unknown.length) throw new PdfJoinError(`a page-tree node carries ${unknown.join(', ')}`);
      nodes.push(number);
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(text);
      for (const kid of kids?.[1].matchAll(/(\d+)\s+0\s+R/g) ?? []) visit(Number(kid[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(text)) pages.push(number);
    else throw new PdfJoinError(`object ${number} in the page tree is neither a page nor a node`);
  };
  visit(Number(top[1]), 0);
  return { pages, nodes };
}

/** A PDF text string (UTF-16BE with its byte-order mark, as hex). */
function pdfText(s: string): string {
  return `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** The parts as one PDF, their pages in order, titled `title`. */
export function joinTypstPdfs(parts: Buffer[], title: string): { pdf: Buffer; pages: number } {
  if (parts.length === 0) throw new PdfJoinError('nothing to join');
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\x80\x80\x80\x80\n\n', 'latin1')];
  let written = chunks[0].length;
  const offsets: number[] = [];
  const write = (number: number, content: Buffer[]) => {
    offsets[number] = written;
    for (const c of content) {
      chunks.push(c);
      written += c.length;
    }
  };
  const CATALOG = 1;
  const PAGES = 2;
  const INFO = 3;
  let next = 4;
  const kids: number[] = [];
  for (const bytes of parts) {
    const pdf = parse(bytes);
    const catalog = head(pdf, pdf.root).text;
    const unknown = namesIn(catalog).filter((k) => !CATALOG_KEYS.has(k));
    if (unknown.length) throw new PdfJoinError(`a catalog carries ${unknown.join(', ')}: they would be lost`);
    const { pages, nodes } = pageTree(pdf, catalog);
    const metadata = /\/Metadata\s+(\d+)\s+0\s+R/.exec(catalog);
    const dropped = new Set([pdf.root, ...nodes, ...(pdf.info !== null ? [pdf.info] : []), ...(metadata ? [Number(metadata[1])] : [])]);
    const renumbered = new Map<number, number>();
    for (const number of [...pdf.objects.keys()].sort((a, b) => a - b)) if (!dropped.has(number)) renumbered.set(number, next++);
    const renumber = (n: number) => {
      const to = renumbered.get(n);
      if (to === undefined) throw new PdfJoinError(`an object points to object ${n}, dropped or missing`);
      return to;
    };
    const pageSet = new Set(pages);
    for (const [number, to] of renumbered) {
      const { text, bodyAt, end } = head(pdf, number);
      let dictionary = pageSet.has(number)
        ? renumberReferences(text.replace(/\/Parent\s+\d+\s+0\s+R/, '/Parent __PARENT__'), renumber).replace('__PARENT__', `${PAGES} 0 R`)
        : renumberReferences(text, renumber);
      if (!dictionary.endsWith('\n')) dictionary += '\n';
      write(to, [Buffer.from(`${to} 0 obj${dictionary}`, 'latin1'), bytes.subarray(bodyAt, end)]);
    }
    for (const page of pages) kids.push(renumber(page));
  }
  write(CATALOG, [Buffer.from(`${CATALOG} 0 obj\n<<\n  /Type /Catalog\n  /Pages ${PAGES} 0 R\n>>\nendobj\n\n`, 'latin1')]);
  write(PAGES, [
    Buffer.from(
      `${PAGES} 0 obj\n<<\n  /Type /Pages\n  /Count ${kids.length}\n  /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}]\n>>\nendobj\n\n`,
      'latin1',
    ),
  ]);
  write(INFO, [Buffer.from(`${INFO} 0 obj\n<<\n  /Title ${pdfText(title)}\n  /Creator (Unisson, Typst)\n>>\nendobj\n\n`, 'latin1')]);
  const xrefAt = written;
  const entries = ['0000000000 65535 f\r\n'];
  for (let n = 1; n < next; n++) entries.push(`${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`);
  const id = createHash('md5');
  for (const part of parts) id.update(part);
  const digest = id.digest('hex');
  chunks.push(
    Buffer.from(
      `xref\n0 ${next}\n${entries.join('')}trailer\n<<\n  /Size ${next}\n  /Root ${CATALOG} 0 R\n  /Info ${INFO} 0 R\n  /ID [<${digest}> <${digest}>]\n>>\nstartxref\n${xrefAt}\n%%EOF`,
      'latin1',
    ),
  );
  return { pdf: Buffer.concat(chunks), pages: kids.length };
}
