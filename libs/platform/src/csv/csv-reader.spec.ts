import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { CsvProblem, detectDialect, parseCsvText, readCsv, readCsvBuffer } from './csv-reader';

async function rows(bytes: Buffer) {
  const problems: CsvProblem[] = [];
  const out: Array<[number, string[]]> = [];
  for await (const row of readCsv(Readable.from([bytes]), detectDialect(bytes.subarray(0, 65536)), (p) => problems.push(p))) {
    out.push([row.line, row.cells]);
  }
  return { out, problems };
}

describe('CSV as French software exports it', () => {
  const text = 'nom;prénom;adresse\r\nLefèvre;Zoé;"12 bis, rue de l’Église"\r\nNguyên;Thi;"4 rue ""La Forêt"""\r\n';

  it('reads UTF-8 with a BOM, semicolons and quoted fields', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(detectDialect(bytes)).toEqual({ encoding: 'utf-8', bom: true, delimiter: ';' });
    const { out } = await rows(bytes);
    expect(out).toEqual([
      [1, ['nom', 'prénom', 'adresse']],
      [2, ['Lefèvre', 'Zoé', '12 bis, rue de l’Église']],
      [3, ['Nguyên', 'Thi', '4 rue "La Forêt"']],
    ]);
  });

  it('reads Windows-1252 (Excel) and gives the same text', async () => {
    const latin = 'nom;prénom;ville\r\nLefèvre;Zoé;Saint-Étienne\r\n';
    const bytes = iconv.encode(latin, 'win1252');
    expect(detectDialect(bytes).encoding).toBe('windows-1252');
    expect((await rows(bytes)).out[1]).toEqual([2, ['Lefèvre', 'Zoé', 'Saint-Étienne']]);
  });

  it('reads commas and UTF-8 without a BOM, and skips blank lines', async () => {
    const bytes = Buffer.from('a,b\n\n1,"x, y"\n', 'utf8');
    expect(detectDialect(bytes)).toEqual({ encoding: 'utf-8', bom: false, delimiter: ',' });
    expect((await rows(bytes)).out).toEqual([
      [1, ['a', 'b']],
      [3, ['1', 'x, y']],
    ]);
  });

  it('reports a broken row with its line and goes on', async () => {
    const { out, problems } = await rows(Buffer.from('a;b\n1;"pas fermé\n', 'utf8'));
    expect(out).toEqual([[1, ['a', 'b']]]);
    expect(problems[0].message).toMatch(/guillemet/);
  });

  it('reads a quote inside an unquoted field as it is, and the next rows too', async () => {
    const { out, problems } = await rows(Buffer.from('ref;nom\nQ-1;Le "Grand"\nQ-2;"Le" Petit\nQ-3;Dupont\n', 'utf8'));
    expect(problems).toEqual([]);
    expect(out).toEqual([
      [1, ['ref', 'nom']],
      [2, ['Q-1', 'Le "Grand"']],
      [3, ['Q-2', '"Le" Petit']],
      [4, ['Q-3', 'Dupont']],
    ]);
  });

  it('gives every line of a file in memory as a row or one problem, reading on after a quote never closed', async () => {
    const bytes = Buffer.from('ref;nom\nQ-1;Dupont\nQ-2;"pas fermé\nQ-3;Martin\n\nQ-4;x\n', 'utf8');
    const items = [];
    for await (const item of readCsvBuffer(bytes, detectDialect(bytes))) items.push(item);
    expect(items).toEqual([
      { kind: 'row', line: 1, cells: ['ref', 'nom'] },
      { kind: 'row', line: 2, cells: ['Q-1', 'Dupont'] },
      { kind: 'problem', unclosedQuote: true, line: 3, message: 'ligne illisible (guillemet ouvert jamais fermé) : elle est ignorée' },
      { kind: 'row', line: 4, cells: ['Q-3', 'Martin'] },
      { kind: 'row', line: 6, cells: ['Q-4', 'x'] },
    ]);
  });

  it('reads on after a quote never closed in a Windows-1252 file, accents kept', async () => {
    const bytes = iconv.encode('ref;nom\r\nQ-1;"Lefèvre\r\nQ-2;Zoé\r\n', 'win1252');
    const items = [];
    for await (const item of readCsvBuffer(bytes, detectDialect(bytes))) items.push(item);
    expect(items.map((i) => (i.kind === 'row' ? [i.line, i.cells] : [i.line, i.message]))).toEqual([
      [1, ['ref', 'nom']],
      [2, 'ligne illisible (guillemet ouvert jamais fermé) : elle est ignorée'],
      [3, ['Q-2', 'Zoé']],
    ]);
  });

  it('does not take a UTF-8 sequence cut at the end of the sample for Windows-1252', () => {
    const bytes = Buffer.from('nom;ville\nÉ', 'utf8');
    expect(detectDialect(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('parses a whole text at once', () => {
    expect(parseCsvText('a,b\r\n"44TER, AVENUE","dit ""Jo"""\n')).toEqual([
      ['a', 'b'],
      ['44TER, AVENUE', 'dit "Jo"'],
    ]);
  });
});
