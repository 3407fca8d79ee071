import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { LOCALE_INFO, type Locale, type VariableType, type VariableValue } from './catalogue';

/**
 * Writes typed variables out per locale with Intl. Pure: no clock, no I/O.
 *
 * French amounts follow Intl/CLDR: "1 234,56 €" with U+202F (narrow no-break space) between
 * thousands and U+00A0 (no-break space) before the euro sign, so an amount never breaks across
 * lines in emails and letters. SMS bodies swap both for a plain space (see `forSms`) because
 * neither character exists in GSM-7 and one of them would push the whole SMS into UCS-2.
 */

/**
 * Unicode isolates for right-to-left messages: LRI forces "01 23 45 67 89" and amounts left to
 * right; FSI lets a name or an address take its own direction; PDI closes either.
 */
const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const wholeMoneyFormats = new Map<string, Intl.NumberFormat>();
const countFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (!v) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export class VariableFormatError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export function formatMoney(amount: number, locale: Locale): string {
  const intl = LOCALE_INFO[locale].intl;
  // Whole amounts without cents ("120 €"): easier to read, and FALC asks for simple numbers.
  const f = Number.isInteger(amount)
    ? cached(
        wholeMoneyFormats,
        intl,
        () => new Intl.NumberFormat(intl, { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 0 }),
      )
    : cached(moneyFormats, intl, () => new Intl.NumberFormat(intl, { style: 'currency', currency: 'EUR' }));
  // Strip the right-to-left mark Intl puts in front of Arabic amounts: isolation is done by the caller.
  return f.format(amount).replace(/\u200f/g, '');
}

const dateMemos = new Map<Locale, (d: string) => string>();

/** 'YYYY-MM-DD' written out with its weekday: "lundi 11 janvier 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
  let f = dateMemos.get(locale);
  if (!f) {
    f = memo((d) => formatDateUncached(d, locale));
    dateMemos.set(locale, f);
  }
  return f(isoDate);
}

function formatDateUncached(isoDate: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new VariableFormatError('date', `Date attendue au format AAAA-MM-JJ, reçu "${isoDate}".`);
  const intl = LOCALE_INFO[locale].dateIntl ?? LOCALE_INFO[locale].intl;
  const f = cached(
    dateFormats,
    intl,
    () => new Intl.DateTimeFormat(intl, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  );
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const text = f.format(date).replace(/\u200f/g, '');
  // French writes the first day of a month as an ordinal: "lundi 1er mars 2027", never "lundi 1 mars".
  return LOCALE_INFO[locale].intl.startsWith('fr') && m[3] === '01' ? text.replace(/(^|\s)1(\s)/, '$11er$2') : text;
}

/** 'HH:MM' (24 h). French writes "14 h 30" and "9 h"; the other locales "14:30". */
export function formatTime(hhmm: string, locale: Locale): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new VariableFormatError('time', `Heure attendue au format HH:MM, reçu "${hhmm}".`);
  const h = Number(m[1]);
  if (locale === 'fr' || locale === 'fr-falc') return m[2] === '00' ? `${h} h` : `${h} h ${m[2]}`;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/**
 * Campaigns repeat the same few values (the partner's phone, the hearing date): parsing them
 * once keeps the SMS path fast. Bounded so a long-running worker does not grow without limit.
 */
function memo<T extends string>(fn: (k: string) => T, max = 5000): (k: string) => T {
  const cache = new Map<string, T>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = fn(k);
      if (cache.size >= max) cache.clear();
      cache.set(k, v);
    }
    return v;
  };
}

/** E.164 numbers in French national format ("01 23 45 67 89"); short numbers (115, 3919) unchanged. */
export const formatPhone = memo(formatPhoneUncached);

function formatPhoneUncached(phone: string): string {
  if (!phone.startsWith('+')) return phone;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return phone;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}

export function formatCount(n: number, locale: Locale): string {
  const intl = LOCALE_INFO[locale].intl;
  return cached(countFormats, intl, () => new Intl.NumberFormat(intl)).format(n);
}

function asNumber(name: string, v: VariableValue): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new VariableFormatError(name, `La variable "${name}" doit être un nombre.`);
  return n;
}

/** Value types whose text runs left to right even inside an Arabic sentence. */
const LTR_RUNS: ReadonlySet<VariableType> = new Set(['money', 'phone', 'email', 'time']);

export function formatVariable(name: string, type: VariableType, value: VariableValue, locale: Locale): string {
  switch (type) {
    case 'money':
      return formatMoney(asNumber(name, value), locale);
    case 'count':
      return formatCount(asNumber(name, value), locale);
    case 'date':
      return formatDate(String(value), locale);
    case 'time':
      return formatTime(String(value), locale);
    case 'phone':
      return formatPhone(String(value));
    default:
      return String(value);
  }
}

/** How a value must be isolated inside the message: only right-to-left messages need it. */
export function isolation(type: VariableType, locale: Locale): 'ltr' | 'auto' | null {
  if (LOCALE_INFO[locale].direction !== 'rtl') return null;
  return LTR_RUNS.has(type) ? 'ltr' : 'auto';
}

/** Wraps a value in Unicode isolates when the message is right to left. */
export function isolateForText(type: VariableType, formatted: string, locale: Locale): string {
  const iso = isolation(type, locale);
  return iso === null ? formatted : (iso === 'ltr' ? LRI : FSI) + formatted + PDI;
}

/** The HTML equivalent: <bdi>, forced left to right for numbers, phones and e-mail addresses. */
export function isolateForHtml(type: VariableType, escaped: string, locale: Locale): string {
  const iso = isolation(type, locale);
  return iso === null ? escaped : iso === 'ltr' ? `<bdi dir="ltr">${escaped}</bdi>` : `<bdi>${escaped}</bdi>`;
}

/** SMS bodies: plain spaces instead of no-break spaces, so GSM-7 stays possible. */
/**
 * A filled-in value as an SMS carries it: plain spaces for no-break spaces, straight quotes and
 * apostrophes for typographic ones ("Office public de l’habitat"), so that one partner's name
 * never turns a GSM-7 SMS into UCS-2 and triples its parts. Letters are never changed.
 */
export function forSms(text: string): string {
  return /[\u202f\u00a0\u2018\u2019\u201c\u201d]/.test(text)
    ? text
        .replace(/[\u202f\u00a0]/g, ' ')
        .replace(/[\u2018\u2019]/g, "'")
        .replace(/[\u201c\u201d]/g, '"')
    : text;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : s;
}

/** Characters outside printable ASCII, tabs and line breaks (a code point at a time), and the elements whose text HTML does not decode. */
const NON_ASCII = /[^\t\n\r\x20-\x7e]/gu;
const RAW_TEXT_ELEMENT = /<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

function asciiText(html: string): string {
  return html.replace(NON_ASCII, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);
}

/**
 * An e-mail's HTML with every character outside printable ASCII written as a character reference
 * (`é` -> `&#xe9;`), which every mail client shows as the character: the part then travels 7bit
 * through any relay, and the worker handles it as one-byte text (an 18 KB MJML e-mail holds a
 * few dozen accents and a handful of pictograms, which made the whole text two bytes a
 * character). Style and script contents are left as they are: HTML does not decode references
 * there.
 */
export function asciiHtml(html: string): string {
  if (!/[^\t\n\r\x20-\x7e]/.test(html)) return html;
  let out = '';
  let last = 0;
  for (const raw of html.matchAll(RAW_TEXT_ELEMENT)) {
    out += asciiText(html.slice(last, raw.index)) + raw[0];
    last = raw.index + raw[0].length;
  }
  return out + asciiText(html.slice(last));
}
