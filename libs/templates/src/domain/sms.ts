/**
 * SMS segment counting (3GPP TS 23.038): GSM-7 with its extension table, otherwise UCS-2.
 * GSM-7: 160 septets in one segment, 153 per segment when concatenated; extension characters
 * (€ [ ] { } \ ~ ^ | and form feed) cost two septets and are never split across segments.
 * UCS-2: 70 UTF-16 code units in one segment, 67 when concatenated; a surrogate pair (emoji)
 * is never split across segments.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

/** Septets per UTF-16 code unit: 1 (basic table), 2 (extension table), 0 (not GSM-7). */
const SEPTETS = new Uint8Array(65536);
for (const ch of GSM7_BASIC) SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of GSM7_EXTENSION) SEPTETS[ch.charCodeAt(0)] = 2;
const extension = { has: (c: number): boolean => SEPTETS[c] === 2 };

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Characters the non-GSM-7 text contains, to help an author stay in GSM-7. */
  nonGsmCharacters: string[];
}

export function measureSms(text: string): SmsSize {
  let septets = 0;
  let gsm = true;
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)];
    if (cost === 0) {
      gsm = false;
      break;
    }
    septets += cost;
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: gsmSegments(text, septets), nonGsmCharacters: [] };
  const nonGsm: string[] = [];
  for (const ch of text) {
    if (SEPTETS[ch.charCodeAt(0)] === 0 && !nonGsm.includes(ch) && nonGsm.length < 10) nonGsm.push(ch);
  }
  if (nonGsm.length === 0) return { encoding: 'GSM-7', units: septets, segments: gsmSegments(text, septets), nonGsmCharacters: [] };
  return { encoding: 'UCS-2', units: text.length, segments: ucs2Segments(text), nonGsmCharacters: nonGsm };
}

function gsmSegments(text: string, septets: number): number {
  if (septets === 0) return 0;
  if (septets <= 160) return 1;
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = extension.has(text.charCodeAt(i)) ? 2 : 1;
    if (used + cost > 153) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

function ucs2Segments(text: string): number {
  if (text.length <= 70) return 1;
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cost = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    if (used + cost > 67) {
      segments++;
      used = 0;
    }
    used += cost;
    if (cost === 2) i++;
  }
  return segments;
}
