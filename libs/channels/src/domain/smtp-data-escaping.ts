/**
 * SMTP DATA escaping (RFC 5321 § 4.5.2), decided without walking the message byte by byte:
 * whether a chunk of the message goes out exactly as it is. nodemailer's DataStream walks every
 * byte in JavaScript (a fifth of a millisecond for an e-mail of 22 KB) to stuff the dots that
 * start a line and turn bare CR or LF into CRLF; a message Unisson wrote has neither, and one
 * native scan says so. When it cannot say so, the byte walk runs as before.
 */

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** A bare CR, a bare LF, or a dot starting a line, anywhere in the chunk (the scan's own view of its edges). */
const NEEDS_ESCAPING = /\r(?!\n)|(?<!\r)\n|\n\./;

/**
 * True when escaping would leave `chunk` unchanged, given the last byte written before it
 * (`false`: none yet, the start of the message). False when unsure.
 */
export function needsNoEscaping(chunk: Buffer, lastByte: number | false): boolean {
  if (chunk.length === 0) return true;
  const first = chunk[0];
  if (lastByte === CR && first !== LF) return false;
  if (first === LF && lastByte !== CR) return false;
  if (first === DOT && (lastByte === LF || lastByte === false)) return false;
  // One-byte string of the same bytes: CR, LF and '.' keep their code; irregexp scans it natively.
  // A CR ending the chunk is refused here (its LF may come in the next chunk): the byte walk decides.
  return !NEEDS_ESCAPING.test(chunk.toString('latin1'));
}
