/**
 * What e-mail adds to the composed message on its way out: `tel:` links on phone numbers, tracked
 * links, and the headers of a bulk sender that respects its readers (Reply-To, RFC 8058
 * one-click unsubscribe, a VERP return path for bounces). Pure functions over strings.
 */

/**
 * A space as the HTML of an e-mail may write it: itself, or a reference to it (the template
 * library writes an e-mail's HTML in ASCII: a no-break space is `&#xa0;`, a narrow one `&#x202f;`).
 * The references of every character `\s` stands for.
 */
const SPACE = String.raw`(?:\s|&#x(?:a0|1680|200[0-9a]|202[89f]|205f|3000|feff);)`;
const SEPARATOR = String.raw`(?:${SPACE}|\.)`;

/** French numbers as people write them: 01 48 95 00 00, 0 805 16 00 75, +33 1 48 95 00 00, 01.48.95.00.00. */
const FRENCH_PHONE = new RegExp(
  String.raw`(?<![\w+])(?:\+33${SEPARATOR}?(?:\(0\)${SPACE}?)?|0${SEPARATOR}?)[1-9](?:${SEPARATOR}?\d){8}(?![\d])`,
  'g',
);

/** The E.164 form of a French number as written, or null. */
export function frenchPhoneToE164(written: string): string | null {
  const digits = written
    .replace(/&#x[0-9a-f]+;/gi, '')
    .replace(/\(0\)/, '')
    .replace(/[^\d+]/g, '');
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}

/** Elements whose text is not shown as body text, or already a link. */
const SKIPPED = ['a', 'head', 'style', 'script', 'title'] as const;

/** The skipped element `html.slice(start, end)` names, in any case, or null (compared in place, not sliced). */
function skippedElementAt(html: string, start: number, end: number): string | null {
  const length = end - start;
  const first = html.charCodeAt(start) | 0x20;
  for (const name of SKIPPED) {
    if (name.length !== length || name.charCodeAt(0) !== first) continue;
    let k = 1;
    while (k < length && (html.charCodeAt(start + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === length) return name;
  }
  return null;
}

const SLASH = 0x2f;
const DASH = 0x2d;

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `\w` of a regular expression without the `u` flag: ASCII letters, digits, `_`. */
const isWordChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95;

/** A phone number of the document: where it is, and its `tel:` link. */
interface PhoneMatch {
  start: number;
  end: number;
  link: string;
}

/**
 * Every French phone number of the document, in order, wherever it is (tags and comments
 * included: the walk keeps those of the visible text). A number holds no `<` nor `>`: it never
 * spans a tag's edge, so each one of the visible text is found as in that text alone.
 */
function phoneMatches(html: string): PhoneMatch[] {
  const matches: PhoneMatch[] = [];
  FRENCH_PHONE.lastIndex = 0;
  for (let m = FRENCH_PHONE.exec(html); m !== null; m = FRENCH_PHONE.exec(html)) {
    const e164 = frenchPhoneToE164(m[0]);
    if (e164) matches.push({ start: m.index, end: m.index + m[0].length, link: `<a href="tel:${e164}">${m[0]}</a>` });
  }
  return matches;
}

/**
 * The document with the phone numbers of its visible text as `tel:` links (`phones`) and the
 * http(s) links of its `<a>` tags through `track`, the rest byte for byte. One walk from each
 * `<` to the next, reading characters rather than slicing: an e-mail's MJML body holds a
 * thousand tags, of which a handful matter. Tags as `<\/?([a-zA-Z][\w-]*)\b[^>]*>` reads them,
 * comments skipped, text inside `a`, `head`, `style`, `script` and `title` left alone.
 */
function rewriteHtml(html: string, phones: boolean, track: ((url: string) => string) | null): string {
  const numbers = phones ? phoneMatches(html) : [];
  if (numbers.length === 0 && track === null) return html;
  let next = 0; // the first number not yet passed
  let skipping: string | null = null;
  let depth = 0;
  let out = '';
  let copied = 0;
  const length = html.length;
  let i = 0;
  while (i < length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    // The numbers of this run of text (those before it were in a tag, a comment or skipped text).
    while (next < numbers.length && numbers[next]!.start < i) next++;
    while (next < numbers.length && numbers[next]!.end <= textEnd) {
      const number = numbers[next++]!;
      if (skipping !== null) continue;
      out += html.slice(copied, number.start) + number.link;
      copied = number.end;
    }
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end >= 0) {
        i = end + 3;
        continue;
      }
    }
    const closing = html.charCodeAt(lt + 1) === SLASH;
    const nameStart = closing ? lt + 2 : lt + 1;
    const gt = isLetter(html.charCodeAt(nameStart)) ? html.indexOf('>', nameStart) : -1;
    if (gt < 0) {
      // A `<` that opens no tag: kept, and the text goes on after it.
      i = lt + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < gt && (isWordChar(html.charCodeAt(nameEnd)) || html.charCodeAt(nameEnd) === DASH)) nameEnd++;
    while (html.charCodeAt(nameEnd - 1) === DASH) nameEnd--; // `\b` after the name: not on a trailing `-`
    const name = skippedElementAt(html, nameStart, nameEnd);
    if (name !== null) {
      if (skipping === null && !closing && html.charCodeAt(gt - 1) !== SLASH) {
        skipping = name;
        depth = 1;
      } else if (skipping === name) {
        depth += closing ? -1 : 1;
        if (depth === 0) skipping = null;
      }
    }
    // `<a` then no word character: a link, its href tracked.
    if (track !== null && !closing && (html.charCodeAt(nameStart) | 0x20) === 97 && !isWordChar(html.charCodeAt(nameStart + 1))) {
      const token = html.slice(lt, gt + 1);
      const changed = trackTag(token, track);
      if (changed !== token) {
        out += html.slice(copied, lt) + changed;
        copied = gt + 1;
      }
    }
    i = gt + 1;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** Every phone number in the HTML's visible text becomes a `tel:` link (one tap to call on a phone). */
export function linkPhoneNumbers(html: string): string {
  return rewriteHtml(html, true, null);
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});|&#(\d{1,7});/gi, (ref, hex: string | undefined, decimal: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
      return code <= 0x10ffff ? String.fromCodePoint(code) : ref;
    })
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** An `<a …>` tag with its http(s) href through `track(url)`. */
function trackTag(tag: string, track: (url: string) => string): string {
  return tag.replace(/\bhref\s*=\s*("([^"]*)"|'([^']*)')/i, (whole, _quoted, double: string | undefined, single: string | undefined) => {
    const url = decodeAttribute(double ?? single ?? '');
    return /^https?:\/\//i.test(url) ? `href="${encodeAttribute(track(url))}"` : whole;
  });
}

/** Every http(s) link of the HTML goes through `track(url)` (tel: and mailto: links stay as they are). */
export function trackLinks(html: string, track: (url: string) => string): string {
  return rewriteHtml(html, false, track);
}

/**
 * `trackLinks(linkPhoneNumbers(html), track)` in one walk through the document. The `tel:` links
 * added are not tracked, as in two walks.
 */
export function linkPhonesAndTrackLinks(html: string, track: (url: string) => string): string {
  return rewriteHtml(html, true, track);
}

/** Whether a tracked link may lead to `url`: http(s), on an allowed host (exactly, or a subdomain of one). */
export function isAllowedDestination(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => {
    const a = allowed.toLowerCase();
    return host === a || host.endsWith(`.${a}`);
  });
}

/** VERP: rebonds@unisson.fr + message id -> rebonds+<id>@unisson.fr (a bounce names the message it is about). */
export function verpAddress(returnPath: string, messageId: string): string {
  const at = returnPath.lastIndexOf('@');
  return `${returnPath.slice(0, at)}+${messageId}${returnPath.slice(at)}`;
}

/** The message id a VERP address carries, when it is one of ours. */
export function messageIdOfVerp(address: string, returnPath: string): string | null {
  const at = returnPath.lastIndexOf('@');
  const local = returnPath.slice(0, at).toLowerCase();
  const domain = returnPath.slice(at + 1).toLowerCase();
  const match = /^([^@+]+)\+([0-9a-f-]{36})@(.+)$/i.exec(address.trim().replace(/^<|>$/g, ''));
  if (!match || match[1]!.toLowerCase() !== local || match[3]!.toLowerCase() !== domain) return null;
  return match[2]!.toLowerCase();
}

/** RFC 8058: an HTTPS URI in List-Unsubscribe, and List-Unsubscribe-Post asking for a one-click POST. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
