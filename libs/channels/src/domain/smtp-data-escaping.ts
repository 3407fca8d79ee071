/**
 * SMTP DATA escaping (RFC 5321 § 4.5.2) done with native string scans instead of a walk of the
 * message byte by byte. nodemailer's DataStream walks every byte in JavaScript (a fifth of a
 * millisecond for an e-mail of 22 KB) to stuff the dots that start a line and turn bare CR or LF
 * into CRLF. A message Unisson wrote has no bare CR or LF, but its HTML part has lines starting
 * with a dot (the CSS rules MJML writes, `.mj-column-per-100 { … }`): those are stuffed here with
 * one replace. When a chunk is not that simple, the byte walk runs as before.
 */

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** A bare CR or a bare LF, anywhere in the chunk (the scan's own view of its edges). */
const BARE_LINE_BREAK = /\r(?!\n)|(?<!\r)\n/;

/** Whether `text` has a CR not followed by LF, or a LF not preceded by CR. */
export function hasBareLineBreak(text: string): boolean {
  return BARE_LINE_BREAK.test(text);
}

/**
 * A whole message whose every line break is CRLF, as SMTP DATA carries it: each line starting
 * with a dot gets a second one. What the byte walk would write for it, written by one replace.
 */
export function transparentText(crlfMessage: string): string {
  const stuffed = crlfMessage.replaceAll('\r\n.', '\r\n..');
  return stuffed.charCodeAt(0) === DOT ? `.${stuffed}` : stuffed;
}

/** Buffers that hold a whole message already escaped (`transparentText`): sent as they are. */
const transparent = new WeakSet<Buffer>();

/** Marks `data` (a whole message through `transparentText`) as escaped already; returns it. */
export function markTransparent(data: Buffer): Buffer {
  transparent.add(data);
  return data;
}

/** Whether `chunk` is a whole message escaped already, written first in its DATA (nothing before it). */
export function isTransparentMessage(chunk: Buffer, lastByte: number | false): boolean {
  return lastByte === false && transparent.has(chunk);
}

/**
 * `chunk` as SMTP DATA escaping leaves it, given the last byte written before it (`false`: none
 * yet, the start of the message): itself when nothing changes, a copy with its line-leading dots
 * doubled otherwise. Null when unsure (a bare CR or LF, a CR ending the chunk whose LF may come
 * next): the byte walk decides.
 */
export function escapedNatively(chunk: Buffer, lastByte: number | false): Buffer | null {
  if (chunk.length === 0) return chunk;
  const first = chunk[0];
  if (lastByte === CR && first !== LF) return null;
  if (first === LF && lastByte !== CR) return null;
  // One-byte string of the same bytes: CR, LF and '.' keep their code; irregexp scans it natively.
  const text = chunk.toString('latin1');
  if (BARE_LINE_BREAK.test(text)) return null;
  const dotFirst = first === DOT && (lastByte === LF || lastByte === false);
  if (!dotFirst && !text.includes('\n.')) return chunk;
  return Buffer.from(`${dotFirst ? '.' : ''}${text.replaceAll('\n.', '\n..')}`, 'latin1');
}
