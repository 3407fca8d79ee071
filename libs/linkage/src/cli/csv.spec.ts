import { csvField, forEachRecordOfFile, parseCsv, parseRecordsCsv } from './csv';

describe('CSV reading', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('a,b\r\n"44TER, AVENUE REPUBLIQUE","dit ""Jo"""\n')).toEqual([
      ['a', 'b'],
      ['44TER, AVENUE REPUBLIQUE', 'dit "Jo"'],
    ]);
  });

  it('maps the data/linkage columns to partner records', () => {
    const [record] = parseRecordsCsv(
      'record_id,partner_kind,partner_ref,last_name,first_name,birth_date,street,address_extra,postal_code,city,phone,email,caf_number\n' +
        'r1,caf,CAF-1,NGUYEN,Thi,1979-04-02,"12 bis av. Jean Jaurès, Bât B",Appt 31,93200,Saint-Denis,06 12 34 56 78,,7765431\n',
    );
    expect(record).toMatchObject({
      recordId: 'r1',
      partnerKind: 'caf',
      lastName: 'NGUYEN',
      street: '12 bis av. Jean Jaurès, Bât B',
      cafNumber: '7765431',
    });
  });

  it('reads semicolons, a BOM and Windows-1252 files as French software exports them', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const iconv = (await import('iconv-lite')).default;
    const dir = mkdtempSync(join(tmpdir(), 'link-csv-'));
    const file = join(dir, 'records.csv');
    writeFileSync(file, iconv.encode('record_id;last_name;city\r\nr1;LEFÈVRE;Saint-Étienne\r\n', 'win1252'));
    const records: unknown[] = [];
    await forEachRecordOfFile(file, (r) => records.push(r));
    expect(records).toEqual([{ recordId: 'r1', lastName: 'LEFÈVRE', city: 'Saint-Étienne' }]);
  });

  it('says what to do when the header is missing', () => {
    expect(() => parseRecordsCsv('r1,caf\n')).toThrow(/en-tête/);
  });

  it('quotes only when needed', () => {
    expect(csvField('h-r1')).toBe('h-r1');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});
