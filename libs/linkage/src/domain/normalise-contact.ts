import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers to E.164 with libphonenumber-js (French default region). Accepts the forms
 * partners send: "06 63 28 45 58", "07.74.57.31.33", "+33663284558", "33 696792908", "0033 6...".
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.length === 0) return null;
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (!digits.startsWith('+') && digits.startsWith('33') && digits.length === 11) digits = `+${digits}`;
  const parsed = parsePhoneNumberFromString(digits, 'FR');
  if (parsed && parsed.isPossible()) return parsed.number;
  return null;
}

export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** Local part without dots, plus signs tags or digits: "jean.pierre.martin45" -> "jeanpierremartin". */
export function emailIdentity(email: string | null): string | null {
  if (!email) return null;
  const local = email
    .split('@')[0]
    .replace(/\+.*$/, '')
    .replace(/[^a-z]/g, '');
  return local.length >= 4 ? local : null;
}

/** CAF benefit numbers: digits only, leading zeros dropped (some partners pad, some do not). */
export function normaliseCafNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const digits = raw.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 4 ? digits : null;
}
