import { CHARTER_INDICATORS, charterCsv, charterFigures } from './charter-indicators';

describe('charter indicators (Seine-Saint-Denis, annex 5)', () => {
  it('lists every indicator of the annex in its numbering, fed or with what would feed it', () => {
    const numbers = CHARTER_INDICATORS.map((c) => c.number);
    for (const n of ['O1', 'O5', '1', '7', '8', '9', '13', '26', '27', '28', '30', '33', '39', '42', '44', '50'])
      expect(numbers).toContain(n);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const c of CHARTER_INDICATORS) expect(c.note.length).toBeGreaterThan(5);
  });

  it('hides small counts, and a sector when the other can be subtracted from the total', () => {
    const figures = charterFigures(
      new Map([
        ['stage:assignation', 120],
        ['stage:assignation:prive', 115],
        ['stage:assignation:social', 5],
        ['stage:commandement_de_payer', 230],
        ['stage:premier_impaye', 7],
      ]),
    );
    const of = (n: string) => figures.find((f) => f.number === n)!;
    expect(of('8')).toMatchObject({ fed: true, value: 230, hidden: false });
    expect(of('7')).toMatchObject({ value: null, hidden: true });
    expect(of('31').hidden).toBe(true);
    expect(of('30').hidden).toBe(true); // 120 − 115 would give the social count away
    expect(of('9')).toMatchObject({ value: 120, hidden: false });
    expect(of('2')).toMatchObject({ fed: false, value: null });
  });

  it('exports a CSV in the charter’s numbering', () => {
    const csv = charterCsv(charterFigures(new Map([['stage:commandement_de_payer', 230]])), '93', { from: '2026-01-01', to: '2026-12-31' });
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('numero;indicateur;territoire;debut;fin;valeur;statut;precision');
    expect(lines.find((l) => l.startsWith('8;'))).toContain(';93;2026-01-01;2026-12-31;230;alimenté;');
    expect(lines.find((l) => l.startsWith('1;'))).toContain('non alimenté par Unisson');
  });
});
