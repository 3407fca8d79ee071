import fc from 'fast-check';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { buildMimeMessage } from './mime-message';
import { needsNoEscaping } from './smtp-data-escaping';

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

describe('SMTP DATA: a chunk that needs no escaping goes out as it is', () => {
  it('never says "as it is" of a chunk that nodemailer would change (random chunks of CR, LF, dots and text)', () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 20 }), chunk, (previousBytes, chunkBytes) => {
        const previous = Buffer.from(previousBytes);
        const current = Buffer.from(chunkBytes);
        const lastByte = previous.length ? previous[previous.length - 1] : false;
        if (needsNoEscaping(current, lastByte)) expect(nodemailerEscapes(previous, current).equals(current)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('says so of the messages Unisson writes, and not of one with a line starting with a dot', () => {
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
    expect(needsNoEscaping(message('Bonjour,\nvotre rendez-vous est confirmé.'), false)).toBe(true);
    const dotted = message('Bonjour,\n.point de départ');
    expect(needsNoEscaping(dotted, false)).toBe(false);
    expect(nodemailerEscapes(Buffer.alloc(0), dotted).includes('\r\n..point')).toBe(true);
  });

  it('leaves the chunk edges to the byte walk: a CR ending the previous chunk, a dot or LF starting this one', () => {
    expect(needsNoEscaping(Buffer.from('abc'), 0x0d)).toBe(false);
    expect(needsNoEscaping(Buffer.from('.abc'), 0x0a)).toBe(false);
    expect(needsNoEscaping(Buffer.from('.abc'), false)).toBe(false);
    expect(needsNoEscaping(Buffer.from('\nabc'), 0x61)).toBe(false);
    expect(needsNoEscaping(Buffer.from('abc\r'), 0x61)).toBe(false);
    expect(needsNoEscaping(Buffer.from('abc\r\n'), 0x61)).toBe(true);
  });
});
