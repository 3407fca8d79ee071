import { SMTPStream } from 'smtp-server/lib/smtp-stream';
import { messageOf } from './smtp-catcher';
import { UnstuffingSmtpStream } from './catcher-smtp-server';

interface Outcome {
  message: string;
  pieces: number;
  commands: string[];
  sizeExceeded: boolean;
}

/** DATA through a parser, written in the given chunks: the message, and the commands after it. */
async function feed(parser: SMTPStream, chunks: Buffer[], maxBytes = 0): Promise<Outcome> {
  const commands: string[] = [];
  parser.oncommand = (command, next) => {
    commands.push(command.toString('binary'));
    next?.();
  };
  const stream = parser.startDataMode(maxBytes || undefined);
  const pieces: Buffer[] = [];
  const ended = new Promise<void>((resolve) => stream.once('end', resolve));
  stream.on('data', (piece: Buffer) => pieces.push(piece));
  // Written one after the other (the parser takes them one at a time, as they came); the chunk
  // with the final dot is done only once the message is (continue()).
  for (const chunk of chunks) parser.write(chunk);
  await ended;
  parser.continue();
  await new Promise((resolve) => setImmediate(resolve));
  return { message: Buffer.concat(pieces).toString('binary'), pieces: pieces.length, commands, sizeExceeded: stream.sizeExceeded };
}

/** A small seeded generator: the same cases at every run. */
function randomFrom(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    return a % n;
  };
}

// Bytes that make the cases: line ends, bare CR and LF, dots, and a letter.
const ALPHABET = ['\r\n', '\r', '\n', '.', '..', 'a', '\r\n.', '\r\n..', '\r\n.\r\n'];

function randomCase(random: (n: number) => number): { input: Buffer; chunks: Buffer[] } {
  const parts = Array.from({ length: 1 + random(14) }, () => ALPHABET[random(ALPHABET.length)]);
  // Always terminated, then a command after the final dot (pipelined).
  const input = Buffer.from(`${parts.join('')}\r\n.\r\nRSET\r\n`, 'binary');
  const cuts = Array.from({ length: random(6) }, () => random(input.length + 1)).sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    if (cut > from) chunks.push(input.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return { input, chunks };
}

describe('UnstuffingSmtpStream (the catcher reads DATA with native scans)', () => {
  it('gives the message and the commands after it exactly as smtp-server does, whatever the chunks', async () => {
    const random = randomFrom(7);
    for (let i = 0; i < 1500; i++) {
      const { input, chunks } = randomCase(random);
      const expected = await feed(new SMTPStream(), chunks);
      const actual = await feed(new UnstuffingSmtpStream(), chunks);
      expect({ input: input.toString('binary'), ...actual, pieces: 0 }).toEqual({
        input: input.toString('binary'),
        ...expected,
        pieces: 0,
      });
    }
  }, 60_000);

  it('unstuffs per RFC 5321 § 4.5.2 and ends at the final dot, keeping the last CRLF', async () => {
    const cases: Array<[string, string]> = [
      ['.\r\n', ''],
      ['..\r\n.\r\n', '.\r\n'],
      ['a\r\n..b\r\n...\r\n.\r\n', 'a\r\n.b\r\n..\r\n'],
      ['a\r\n.b\r\n.\r\n', 'a\r\n.b\r\n'],
      ['a\n.\r\nb\r\n.\r\n', 'a\n.\r\nb\r\n'],
    ];
    for (const [input, message] of cases) {
      // In one chunk, then byte by byte.
      for (const chunks of [[Buffer.from(input)], [...Buffer.from(input)].map((b) => Buffer.from([b]))]) {
        expect((await feed(new UnstuffingSmtpStream(), chunks)).message).toBe(message);
      }
    }
  });

  it('hands over a message that arrived in one chunk as one slice of it, and counts its size', async () => {
    const body = `${'Ligne de texte.\r\n'.repeat(1200)}`;
    const chunk = Buffer.from(`${body}.\r\nQUIT\r\n`);
    const parser = new UnstuffingSmtpStream();
    const slices: Buffer[] = [];
    parser.startDataMode().on('data', (slice: Buffer) => slices.push(slice));
    parser.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
    expect(slices.map((slice) => slice.buffer === chunk.buffer)).toEqual([true]);
    expect(await feed(new UnstuffingSmtpStream(), [chunk], 1000)).toMatchObject({
      message: body,
      pieces: 1,
      sizeExceeded: true,
      commands: ['QUIT'],
    });
    expect((await feed(new SMTPStream(), [Buffer.from(`${body}.\r\n`)], 1000)).sizeExceeded).toBe(true);
  });
});

describe('messageOf', () => {
  it('keeps a slice that is most of its chunk, and copies a small one out of a large chunk', () => {
    const chunk = Buffer.alloc(10_000, 'x');
    expect(messageOf([chunk.subarray(0, 9_995)]).buffer).toBe(chunk.buffer);
    expect(messageOf([chunk.subarray(0, 1_000)]).buffer).not.toBe(chunk.buffer);
    expect(messageOf([chunk.subarray(0, 10), chunk.subarray(20, 30)]).toString()).toBe('x'.repeat(20));
  });
});
