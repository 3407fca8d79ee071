/**
 * How many SMS parts a body costs, as carriers (and Twilio's `num_segments`) count them.
 *
 * GSM-7 (3GPP TS 23.038 default alphabet): 160 characters in one SMS, 153 per part once
 * concatenated; characters of the extension table (€ [ ] { } ~ ^ | \ and form feed) take two
 * septets. Any other character switches the whole message to UCS-2: 70 UTF-16 code units in one
 * SMS, 67 per part. French matters here: é è à ù É Ç are GSM-7, but ê â î ô û ç are not.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentation {
  encoding: SmsEncoding;
  /** septets for GSM-7, UTF-16 code units for UCS-2 */
  units: number;
  segments: number;
}

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

/**
 * Septets per UTF-16 code unit (0: not GSM-7), up to the highest GSM-7 character (€, U+20AC).
 * A table rather than sets of characters: the sandbox and the worker count every SMS they
 * send, a few thousand a second. Surrogates lie above it, so an emoji is not GSM-7, as before.
 */
const SEPTETS = (() => {
  const table = new Uint8Array(0x20ad);
  for (const char of GSM7_BASIC) table[char.charCodeAt(0)] = 1;
  for (const char of GSM7_EXTENSION) table[char.charCodeAt(0)] = 2;
  return table;
})();

const LIMITS: Record<SmsEncoding, { single: number; multipart: number }> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

function gsm7Septets(body: string): number | null {
  let septets = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const cost = code < SEPTETS.length ? SEPTETS[code] : 0;
    if (cost === 0) return null;
    septets += cost;
  }
  return septets;
}

export function segmentSms(body: string): SmsSegmentation {
  const septets = gsm7Septets(body);
  const encoding: SmsEncoding = septets === null ? 'UCS-2' : 'GSM-7';
  const units = septets ?? body.length;
  const limit = LIMITS[encoding];
  const segments = units === 0 ? 1 : units <= limit.single ? 1 : Math.ceil(units / limit.multipart);
  return { encoding, units, segments };
}

export function countSmsSegments(body: string): number {
  return segmentSms(body).segments;
}
