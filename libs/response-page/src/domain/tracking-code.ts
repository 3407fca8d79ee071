/**
 * The tracking code a letter prints under its QR code, and that an operator types for a
 * returned letter: 8 Crockford base32 symbols (40 random bits) and Crockford's mod-37 check
 * symbol, shown as `XXXX-XXXX-C`. Crockford's alphabet leaves out I, L, O and U, so a code
 * read aloud or typed by hand survives the usual confusions (O for 0, I or L for 1, any case,
 * spaces and hyphens). A code whose check symbol would be one of Crockford's five extra check
 * symbols (`*~$=U`) is never issued, so every printed code is letters and digits only.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = `${CROCKFORD_ALPHABET}*~$=U`;
export const TRACKING_CODE_DATA_LENGTH = 8;

/** The check symbol of a string of Crockford symbols (its value modulo 37). */
export function crockfordCheckSymbol(symbols: string): string {
  let remainder = 0;
  for (const symbol of symbols) {
    const value = CROCKFORD_ALPHABET.indexOf(symbol);
    if (value < 0) throw new Error(`not a Crockford base32 symbol: ${symbol}`);
    remainder = (remainder * 32 + value) % 37;
  }
  return CHECK_SYMBOLS[remainder];
}

/**
 * A new tracking code from 5 random bytes, or null when its check symbol is not alphanumeric
 * (the caller draws again: about 1 draw in 7).
 */
export function trackingCodeFromBytes(bytes: Uint8Array): string | null {
  if (bytes.length !== 5) throw new Error('a tracking code takes exactly 5 random bytes');
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let data = '';
  for (let i = 0; i < TRACKING_CODE_DATA_LENGTH; i++) {
    data = CROCKFORD_ALPHABET[Number(value & 31n)] + data;
    value >>= 5n;
  }
  const check = crockfordCheckSymbol(data);
  return CROCKFORD_ALPHABET.includes(check) ? data + check : null;
}

/**
 * The canonical form (9 symbols, upper case, no separators) of a code as someone typed it, or
 * null when it is not a valid tracking code (wrong length, a symbol outside the alphabet, or a
 * check symbol that does not match: one mistyped or two swapped symbols are caught).
 */
export function normaliseTrackingCode(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== TRACKING_CODE_DATA_LENGTH + 1) return null;
  const data = cleaned.slice(0, TRACKING_CODE_DATA_LENGTH);
  if (![...data].every((s) => CROCKFORD_ALPHABET.includes(s))) return null;
  return crockfordCheckSymbol(data) === cleaned[TRACKING_CODE_DATA_LENGTH] ? cleaned : null;
}

/** How a code is printed and shown: `XXXX-XXXX-C`. */
export function formatTrackingCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8)}`;
}
