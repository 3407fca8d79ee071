/**
 * What e-mail adds to the composed message on its way out: `tel:` links on phone numbers, tracked
 * links, and the headers of a bulk sender that respects its readers (Reply-To, RFC 8058
 * one-click unsubscribe, a VERP return path for bounces). Pure functions over strings.
 */

/** French numbers as people write them: 01 48 95 00 00, 0 805 16 00 75, +33 1 48 95 00 00, 01.48.95.00.00. */
const FRENCH_PHONE = /(?<![\w+])(?:\+33[\s\u00a0.]?(?:\(0\)[\s\u00a0]?)?|0[\s\u00a0.]?)[1-9](?:[\s\u00a0.]?\d){8}(?![\d])/g;

/** The E.164 form of a French number as written, or null. */
export function frenchPhoneToE164(written: string): string | null {
  const digits = written.replace(/\(0\)/, '').replace(/[^\d+]/g, '');
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}

/** Elements whose text is not shown as body text, or already a link. */
const SKIPPED = new Set(['a', 'head', 'style', 'script', 'title']);

/** A tag at the given index (sticky): its name in group 1. */
const TAG = /<\/?([a-zA-Z][\w-]*)\b[^>]*>/y;

/**
 * Calls `onText` on every run of visible text outside links (and `onTag` on every tag), keeping
 * the rest of the document byte for byte. A scan from one `<` to the next: only what a callback
 * changed is copied apart (an e-mail's MJML body holds a thousand tags and as many runs of text).
 */
function mapHtml(html: string, onText: (text: string) => string, onTag: (tag: string) => string = (t) => t): string {
  let skipping: string | null = null;
  let depth = 0;
  let out = '';
  let copied = 0;
  const replace = (from: number, to: number, by: string) => {
    out += html.slice(copied, from) + by;
    copied = to;
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i && skipping === null) {
      const text = html.slice(i, textEnd);
      const changed = onText(text);
      if (changed !== text) replace(i, textEnd, changed);
    }
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end >= 0) {
        i = end + 3;
        continue;
      }
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (!match) {
      // A `<` that opens no tag: kept, and the text goes on after it.
      i = lt + 1;
      continue;
    }
    const token = match[0];
    const tag = match[1]!.toLowerCase();
    const closing = token.charCodeAt(1) === 47; // '/'
    if (skipping === null && !closing && SKIPPED.has(tag) && !token.endsWith('/>')) {
      skipping = tag;
      depth = 1;
    } else if (skipping === tag) {
      depth += closing ? -1 : 1;
      if (depth === 0) skipping = null;
    }
    const changed = onTag(token);
    if (changed !== token) replace(lt, lt + token.length, changed);
    i = lt + token.length;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** A run of visible text with its phone numbers as `tel:` links. */
function linkPhonesInText(text: string): string {
  // Most runs are the whitespace between two tags: no digit, nothing to look for.
  if (!/\d/.test(text)) return text;
  return text.replace(FRENCH_PHONE, (written) => {
    const e164 = frenchPhoneToE164(written);
    return e164 ? `<a href="tel:${e164}">${written}</a>` : written;
  });
}

/** Every phone number in the HTML's visible text becomes a `tel:` link (one tap to call on a phone). */
export function linkPhoneNumbers(html: string): string {
  return mapHtml(html, linkPhonesInText);
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** An `<a …>` tag with its http(s) href through `track(url)`; any other tag as it is. */
function trackTag(tag: string, track: (url: string) => string): string {
  const second = tag.charCodeAt(1) | 0x20; // 'a' or 'A'
  if (second !== 97 || !/^<a\b/i.test(tag)) return tag;
  return tag.replace(/\bhref\s*=\s*("([^"]*)"|'([^']*)')/i, (whole, _quoted, double: string | undefined, single: string | undefined) => {
    const url = decodeAttribute(double ?? single ?? '');
    return /^https?:\/\//i.test(url) ? `href="${encodeAttribute(track(url))}"` : whole;
  });
}

/** Every http(s) link of the HTML goes through `track(url)` (tel: and mailto: links stay as they are). */
export function trackLinks(html: string, track: (url: string) => string): string {
  return mapHtml(
    html,
    (text) => text,
    (tag) => trackTag(tag, track),
  );
}

/**
 * `trackLinks(linkPhoneNumbers(html), track)` in one walk through the document (an e-mail's
 * MJML body holds thousands of tags: each walk cost a third of a millisecond). The `tel:` links
 * added are not tracked, as in two walks.
 */
export function linkPhonesAndTrackLinks(html: string, track: (url: string) => string): string {
  return mapHtml(html, linkPhonesInText, (tag) => trackTag(tag, track));
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
