import { A4_LETTER, geometryProblems } from './page-geometry';

describe('letter page geometry', () => {
  it('keeps every zone inside the printable area, the window free and the body below it', () => {
    expect(geometryProblems(A4_LETTER)).toEqual([]);
  });

  it('finds an address window pushed past the printable area, and a letterhead reaching into it', () => {
    const problems = geometryProblems({
      ...A4_LETTER,
      addressWindow: { ...A4_LETTER.addressWindow, x: 100, width: 100 },
      letterhead: { ...A4_LETTER.letterhead, width: 95 },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { zone: 'addressWindow', problem: 'outside the printable area' },
        { zone: 'letterhead', problem: 'reaches into the address window' },
      ]),
    );
  });

  it('finds a body starting inside the window', () => {
    expect(geometryProblems({ ...A4_LETTER, bodyTopFirstPage: 70 })).toEqual([expect.objectContaining({ zone: 'body' })]);
  });
});
