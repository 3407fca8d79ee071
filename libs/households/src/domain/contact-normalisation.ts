import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Overseas départements dial like metropolitan France ("0692…") but are regions of their own. */
const FRENCH_REGIONS: CountryCode[] = ['FR', 'RE', 'GP', 'MQ', 'GF', 'YT', 'PM'];

/**
 * A French (or overseas) phone number in E.164, or null when it cannot be one. Numbers written
 * without a country code are read as French.
 */
export function toE164(raw: string | undefined | null): string | null {
  if (!raw) return null;
  for (const region of FRENCH_REGIONS) {
    const parsed = parsePhoneNumberFromString(raw, region);
    if (parsed?.isValid()) return parsed.number;
    if (parsed && raw.trim().startsWith('+')) return null; // an explicit country code: no guessing
  }
  return null;
}

/** Whether an E.164 number can receive SMS (mobile or "mobile or fixed line"). */
export function canReceiveSms(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
