import fc from 'fast-check';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { buildMimeMessage } from './mime-message';
import { escapedNatively, isTransparentMessage, transparentText } from './smtp-data-escaping';

/** nodemailer's escaping of `chunk` written after `previous` (its own byte walk, pushed output captured). */
function nodemailerEscapes(previous: Buffer, chunk: Buffer): Buffer {
  const stream = new DataStream() as DataStream & { push(chunk: Buffer): boolean };
  const pushed: Buffer[] = [];
  stream.push = (b: Buffer) => (pushed.push(b), true);
  if (previous.length) stream._transform(previous, 'latin1', () => undefined);
  pushed.length = 0;
  stream._transform(chunk, 'latin1', () => undefined);
  return Buffer.concat(pushed);
}

const byte = fc.constantFrom(0x0d, 0x0a, 0x2e, 0x61, 0x20, 0xc3, 0xa9);
const chunk = fc.array(byte, { minLength: 1, maxLength: 40 });

describe('SMTP DATA escaping with native scans', () => {
  it('writes the bytes nodemailer would write, whenever it does not leave the chunk to nodemailer (random chunks of CR, LF, dots and text)', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 20 }), chunk, (previousBytes, chunkBytes) => {
        const previous = Buffer.from(previousBytes);
        const current = Buffer.from(chunkBytes);
        const lastByte = previous.length ? previous[previous.length - 1]! : false;
        const escaped = escapedNatively(current, lastByte);
        if (escaped) {
          decided++;
          expect(escaped.toString('latin1')).toBe(nodemailerEscapes(previous, current).toString('latin1'));
        }
      }),
      { numRuns: 5_000 },
    );
    // Not a vacuous property: a good share of the chunks are escaped here.
    expect(decided).toBeGreaterThan(500);
  });

  const message = (text: string) =>
    buildMimeMessage(
      {
        from: 'Unisson <ne-pas-repondre@unisson.local>',
        to: 'awa@example.org',
        subject: 'Loyer',
        text,
        html: `<p>${text}</p>`,
        messageId: '<m@unisson>',
      },
      { eightBitAccepted: true },
    ).raw;

  it('leaves a message Unisson writes as it is, and doubles the dot of a line starting with one (as nodemailer does)', () => {
    const plain = message('Bonjour,\nvotre rendez-vous est confirmé.');
    expect(escapedNatively(plain, false)).toBe(plain);
    const dotted = message('Bonjour,\n.point de départ\n..deux');
    const escaped = escapedNatively(dotted, false)!;
    expect(escaped.toString('utf8')).toContain('\r\n..point de départ\r\n...deux');
    expect(escaped.equals(nodemailerEscapes(Buffer.alloc(0), dotted))).toBe(true);
  });

  it('stuffs a dot opening the message or following the previous chunk’s line end', () => {
    expect(escapedNatively(Buffer.from('.abc'), false)!.toString()).toBe('..abc');
    expect(escapedNatively(Buffer.from('.abc'), 0x0a)!.toString()).toBe('..abc');
    expect(escapedNatively(Buffer.from('.abc'), 0x61)!.toString()).toBe('.abc');
  });

  it('leaves the chunk edges it cannot see across to the byte walk: a CR ending the previous chunk or this one, a bare LF', () => {
    expect(escapedNatively(Buffer.from('abc'), 0x0d)).toBeNull();
    expect(escapedNatively(Buffer.from('\nabc'), 0x61)).toBeNull();
    expect(escapedNatively(Buffer.from('abc\r'), 0x61)).toBeNull();
    expect(escapedNatively(Buffer.from('a\nb'), 0x61)).toBeNull();
    expect(escapedNatively(Buffer.from('abc\r\n'), 0x61)!.toString()).toBe('abc\r\n');
  });

  // Lines of text as templates and partners write them: dots opening lines, CR, LF, CRLF, accents, NUL.
  const piece = fc.constantFrom('.', '..', '\n', '\r', '\r\n', '\n.', 'Bonjour', ' ', 'é', 'ا', '\u0000', 'x'.repeat(120));
  const bodyText = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

  it('writes a message built as SMTP DATA already escaped byte for byte as nodemailer escapes it, and sends it without a second scan', () => {
    let transparent = 0;
    fc.assert(
      fc.property(
        bodyText,
        bodyText,
        fc.boolean(),
        fc.constantFrom('Loyer', 'Loyer\nimpayé', '.Rendez-vous'),
        (text, html, eightBit, subject) => {
          const built = buildMimeMessage(
            { from: 'Unisson <ne-pas-repondre@unisson.local>', to: 'awa@example.org', subject, text, html, messageId: '<m@unisson>' },
            { eightBitAccepted: eightBit },
          );
          expect(built.data.toString('latin1')).toBe(nodemailerEscapes(Buffer.alloc(0), built.raw).toString('latin1'));
          if (isTransparentMessage(built.data, false)) transparent++;
          // Only as the message's first bytes: after others, the session's own escaping decides.
          expect(isTransparentMessage(built.data, 0x0a)).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
    // Most messages go the short way (all but a quoted-printable part with a bare line break).
    expect(transparent).toBeGreaterThan(1_000);
  });

  it('doubles a dot opening the message as well as one opening any later line', () => {
    expect(transparentText('.a\r\n.b\r\nc.\r\n')).toBe('..a\r\n..b\r\nc.\r\n');
  });
});
