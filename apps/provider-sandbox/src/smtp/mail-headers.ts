import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';

/** What the catcher reads of a message when it arrives: the header block only. */
export interface MailHeaders {
  /** raw values as sent (unfolded), keyed by lower-case name; repeated headers joined */
  headers: Record<string, string>;
  /** the header block as received, for delivery status reports (RFC 3464 text/rfc822-headers) */
  block: string;
  from: string | null;
  to: string[];
  subject: string | null;
  messageId: string | null;
}

/** Where the header block ends: the first blank line, CRLF or bare LF (looked for before the CRLF one only). */
function headerBlockEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const head = crlf < 0 ? raw : raw.subarray(0, crlf);
  const lf = head.indexOf('\n\n');
  if (lf >= 0) return lf;
  return crlf < 0 ? raw.length : crlf;
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return addressparser(libmime.decodeWords(value), { flatten: true })
    .map((a) => a.address ?? '')
    .filter(Boolean);
}

/** The header block of a message as received (up to the blank line). */
export function headerBlockOf(raw: Buffer): string {
  return raw.subarray(0, headerBlockEnd(raw)).toString('utf8');
}

/**
 * The header block of a message (RFC 5322 § 2.2): unfolded, encoded words (RFC 2047) decoded in
 * the subject and the address lists. The bodies are decoded only when someone asks for them:
 * a relay does not parse what it passes on, and parsing cost the sandbox more than the whole
 * pipeline spent on an e-mail.
 */
export function readMailHeaders(raw: Buffer): MailHeaders {
  return readHeaderBlock(headerBlockOf(raw));
}

/** `readMailHeaders` of a header block already cut out of its message. */
export function readHeaderBlock(block: string): MailHeaders {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  const messageId = headers['message-id']?.trim() || null;
  return {
    headers,
    block,
    from: addresses(headers.from)[0] ?? null,
    to: addresses(headers.to),
    subject: headers.subject === undefined ? null : libmime.decodeWords(headers.subject),
    messageId: messageId && !messageId.startsWith('<') ? `<${messageId}>` : messageId,
  };
}
