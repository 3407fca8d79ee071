import { randomBytes } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';
import { hasBareLineBreak, markTransparent, transparentText } from './smtp-data-escaping';

const DOT = 0x2e;

/** What an e-mail of Unisson holds: always a plain-text part and an HTML part, nothing attached. */
export interface MimeMessageInput {
  from: string | { name: string; address: string };
  replyTo?: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, chosen by the caller (the same on every attempt) */
  messageId: string;
  headers?: Record<string, string>;
  date?: Date;
}

/** Header names as nodemailer writes them, per name as given (`message-id` -> `Message-ID`). */
const headerNames = new Map<string, string>();

/**
 * nodemailer's MimeNode, writing the same header block, with two costs taken out: a header
 * name's spelling (four regular expressions, for each name at each step of the block) is worked
 * out once per name, and the boundary's random part comes from a pooled draw instead of a
 * system call per message. Together they were half the block's time. Should nodemailer rename
 * its method, its own runs again, unchanged.
 */
export class MessageHeaders extends MimeNode {
  constructor(contentType: string) {
    super(contentType, { baseBoundary: boundaryBase() });
  }

  _normalizeHeaderKey(key: unknown): string {
    const normalize = (MimeNode.prototype as unknown as { _normalizeHeaderKey(key: unknown): string })._normalizeHeaderKey;
    if (typeof key !== 'string') return normalize.call(this, key);
    let name = headerNames.get(key);
    if (name === undefined) {
      name = normalize.call(this, key);
      if (headerNames.size < 256) headerNames.set(key, name);
    }
    return name;
  }
}

let entropy = Buffer.alloc(0);
let drawn = 0;

/** 16 random hex digits, as nodemailer draws them for a boundary, from a pool of 4 KB. */
function boundaryBase(): string {
  if (drawn + 8 > entropy.length) {
    entropy = randomBytes(4_096);
    drawn = 0;
  }
  drawn += 8;
  return entropy.toString('hex', drawn - 8, drawn);
}

/** RFC 5322 § 2.1.1: a line is at most 998 octets before its CRLF. */
const MAX_LINE_OCTETS = 998;

type TransferEncoding = '7bit' | '8bit' | 'quoted-printable';

export interface MimeMessage {
  /** The message (RFC 5322), as its reader gets it. */
  readonly raw: Buffer;
  /**
   * The message as SMTP DATA carries it, before the final dot (RFC 5321 § 4.5.2: a dot starting
   * a line doubled). Escaped here, on the string, when every line break of the message is known
   * to be CRLF; the SMTP session then sends it as it is (`markTransparent`) instead of scanning
   * its bytes again.
   */
  readonly data: Buffer;
  /** a part travels as raw UTF-8: MAIL FROM must say BODY=8BITMIME (RFC 6152) */
  eightBit: boolean;
}

function withCrlf(body: string): string {
  return body.includes('\r') ? body.replace(/\r\n|\r|\n/g, '\r\n') : body.replaceAll('\n', '\r\n');
}

/** Whether a line of a CRLF text is longer than `maxOctets` in UTF-8. */
function hasLineLongerThan(crlf: string, maxOctets: number): boolean {
  let start = 0;
  while (start <= crlf.length) {
    let end = crlf.indexOf('\r\n', start);
    if (end < 0) end = crlf.length;
    // Characters are at most 3 octets in UTF-8 (4 for a surrogate pair, 2 code units): the exact
    // count only for a line that may be too long (most are a few dozen characters).
    if ((end - start) * 3 > maxOctets && Buffer.byteLength(crlf.slice(start, end)) > maxOctets) return true;
    start = end + 2;
  }
  return false;
}

/**
 * The part as it is when it can travel so: 7bit for ASCII (RFC 2045 § 2.7: octets 1 to 127, CR
 * and LF only as CRLF), 8bit (raw UTF-8) when the server announced 8BITMIME (RFC 6152; every
 * relay we know of does). Quoted-printable otherwise: a line over 998 octets, a NUL, or a server
 * without 8BITMIME. Never base64: spam filters count a base64 text part against the sender
 * (SpamAssassin MIME_BASE64_TEXT). `octets`: the text's length in UTF-8, equal to its length in
 * characters exactly when it is ASCII.
 */
function encodingOf(crlf: string, octets: number, eightBitAccepted: boolean): TransferEncoding {
  const ascii = octets === crlf.length;
  if (!ascii && !eightBitAccepted) return 'quoted-printable';
  if (crlf.includes('\u0000')) return 'quoted-printable';
  if (octets > MAX_LINE_OCTETS && hasLineLongerThan(crlf, MAX_LINE_OCTETS)) return 'quoted-printable';
  return ascii ? '7bit' : '8bit';
}

/** The encoding a part of text `crlf` (CRLF line ends) travels in, for a server that takes 8BITMIME or not. */
export function transferEncodingFor(crlf: string, eightBitAccepted: boolean): TransferEncoding {
  return encodingOf(crlf, Buffer.byteLength(crlf, 'utf8'), eightBitAccepted);
}

/** A body part: its header lines and its content, as read (`raw`) and as SMTP DATA carries it (`data`). */
interface EncodedPart {
  head: string;
  raw: string;
  data: string;
  encoding: TransferEncoding;
  /** Every line break of the content is a CRLF (always, but for a quoted-printable part not checked). */
  crlfOnly: boolean;
}

/** A part's content, encoded. Its first line follows a CRLF: in DATA, stuffed like the others. */
function encodedPart(contentType: string, body: string, eightBitAccepted: boolean): EncodedPart {
  const crlf = withCrlf(body);
  const encoding = encodingOf(crlf, Buffer.byteLength(crlf, 'utf8'), eightBitAccepted);
  const head = `Content-Type: ${contentType}\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`;
  if (encoding !== 'quoted-printable') return { head, raw: crlf, data: stuffed(crlf), encoding, crlfOnly: true };
  const encoded = qp.wrap(qp.encode(Buffer.from(crlf, 'utf8')), 76);
  const crlfOnly = !hasBareLineBreak(encoded);
  return { head, raw: encoded, data: crlfOnly ? stuffed(encoded) : encoded, encoding, crlfOnly };
}

/** A CRLF text with each line starting with a dot given a second one (itself when none does). */
function stuffed(crlf: string): string {
  return crlf.charCodeAt(0) === DOT || crlf.includes('\r\n.') ? transparentText(crlf) : crlf;
}

/**
 * Strings as one array of UTF-8 octets, written in place: one allocation for the whole message
 * (an e-mail of 20 KB is two parts and five short pieces; a copy of each, then of the whole, cost
 * more than the rest of its MIME writing).
 */
function octetsOf(pieces: readonly string[]): Buffer {
  const lengths = pieces.map((piece) => Buffer.byteLength(piece, 'utf8'));
  const octets = Buffer.allocUnsafeSlow(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  pieces.forEach((piece, i) => (offset += octets.write(piece, offset, lengths[i], 'utf8')));
  return octets;
}

/**
 * The MIME message of an e-mail, multipart/alternative (text, then HTML). The header block is
 * nodemailer's (address lists, RFC 2047 encoded words, folding, Message-ID, Date); the two body
 * parts are written here, without nodemailer's stream pipeline, which cost more than the rest
 * of sending an e-mail (decision 0028).
 */
export function buildMimeMessage(input: MimeMessageInput, server: { eightBitAccepted: boolean }): MimeMessage {
  const root = new MessageHeaders('multipart/alternative');
  for (const [key, value] of Object.entries(input.headers ?? {})) root.setHeader(key, value);
  // MimeNode takes `{ name, address }` for address headers (its typings say string only).
  root.setHeader('From', input.from as string);
  root.setHeader('To', input.to);
  if (input.replyTo) root.setHeader('Reply-To', input.replyTo);
  root.setHeader('Subject', input.subject);
  root.setHeader('Message-ID', input.messageId);
  if (input.date) root.setHeader('Date', input.date.toUTCString().replace(/GMT/, '+0000'));
  const headers = root.buildHeaders();
  const boundary = root.boundary as string;
  const text = encodedPart('text/plain; charset=utf-8', input.text, server.eightBitAccepted);
  const html = encodedPart('text/html; charset=utf-8', input.html, server.eightBitAccepted);
  const eightBit = text.encoding === '8bit' || html.encoding === '8bit';
  const opening = `${headers}\r\n\r\n--${boundary}\r\n${text.head}`;
  const between = `\r\n--${boundary}\r\n${html.head}`;
  const closing = `\r\n--${boundary}--\r\n`;
  // What building it unescaped needs, and only that (the escaped parts are let go once written).
  const [textRaw, htmlRaw] = [text.raw, html.raw];
  const raw = () => octetsOf([opening, textRaw, between, htmlRaw, closing]);
  // The parts are CRLF by construction; the header block (nodemailer's) is checked, it is short.
  if (!text.crlfOnly || !html.crlfOnly || hasBareLineBreak(headers)) {
    const octets = raw();
    return { raw: octets, data: octets, eightBit };
  }
  // The parts are stuffed already, and the pieces between them start no line with a dot: only the header block is left.
  const data = markTransparent(octetsOf([transparentText(opening), text.data, between, html.data, closing]));
  let unescaped: Buffer | undefined;
  return {
    // Only a reader of the message needs it unescaped (tests, a copy kept): built when asked.
    get raw() {
      return (unescaped ??= raw());
    },
    data,
    eightBit,
  };
}
