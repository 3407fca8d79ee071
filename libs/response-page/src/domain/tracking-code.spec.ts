import { crockfordCheckSymbol, formatTrackingCode, normaliseTrackingCode, trackingCodeFromBytes } from './tracking-code';

describe('tracking codes', () => {
  it("computes Crockford's mod-37 check symbol", () => {
    // 0 → 0; 32 ("10") → 32 mod 37 = "*"; 37 ("15") → 0; 36 ("14") → "U".
    expect(crockfordCheckSymbol('0')).toBe('0');
    expect(crockfordCheckSymbol('10')).toBe('*');
    expect(crockfordCheckSymbol('15')).toBe('0');
    expect(crockfordCheckSymbol('14')).toBe('U');
  });

  it('encodes 40 bits in 8 symbols and a check, or refuses a non-alphanumeric check', () => {
    const code = trackingCodeFromBytes(Uint8Array.from([0, 0, 0, 0, 0]));
    expect(code).toBe('000000000');
    // 2^40 - 1 = "ZZZZZZZZ", 1099511627775 mod 37 = 15 → "F".
    expect(trackingCodeFromBytes(Uint8Array.from([255, 255, 255, 255, 255]))).toBe('ZZZZZZZZF');
    // 32 = "00000010", check "*": never issued.
    expect(trackingCodeFromBytes(Uint8Array.from([0, 0, 0, 0, 32]))).toBeNull();
    let issued = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from([i & 255, (i * 7) & 255, (i * 13) & 255, (i >> 3) & 255, (i * 31) & 255]);
      const c = trackingCodeFromBytes(bytes);
      if (!c) continue;
      issued++;
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
      expect(normaliseTrackingCode(c)).toBe(c);
    }
    // About 32 in 37 draws give a code.
    expect(issued).toBeGreaterThan(1600);
    expect(issued).toBeLessThan(1900);
  });

  it('reads a code as people type it', () => {
    const code = '3M7KQ2XD' + crockfordCheckSymbol('3M7KQ2XD');
    const shown = formatTrackingCode(code);
    expect(shown).toBe(`3M7K-Q2XD-${code[8]}`);
    expect(normaliseTrackingCode(shown.toLowerCase())).toBe(code);
    expect(normaliseTrackingCode(` ${shown.replace(/-/g, ' ')} `)).toBe(code);
    const withO = '10D0' + 'K1X0';
    const canonical = withO + crockfordCheckSymbol(withO);
    expect(normaliseTrackingCode(`lOdO-kIxo-${canonical[8]}`)).toBe(canonical);
  });

  it('catches a mistyped symbol and two swapped symbols', () => {
    const data = '3M7KQ2XD';
    const code = data + crockfordCheckSymbol(data);
    expect(normaliseTrackingCode(code.replace('7', '8'))).toBeNull();
    expect(normaliseTrackingCode('3MK7Q2XD' + code[8])).toBeNull();
    expect(normaliseTrackingCode(code.slice(0, 8))).toBeNull();
    expect(normaliseTrackingCode(code + '0')).toBeNull();
    expect(normaliseTrackingCode('3M7KQ2XU' + code[8])).toBeNull();
    expect(normaliseTrackingCode('')).toBeNull();
  });
});
