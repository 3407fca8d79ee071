import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection';
import { SMTPStream } from 'smtp-server/lib/smtp-stream';

const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;
const LINE_START_DOT = Buffer.from('\n.');

/**
 * smtp-server's command parser with its DATA phase read by native scans: `Buffer.indexOf` finds
 * the dots that start a line (the only bytes dot-stuffing and the final dot concern), and the
 * message leaves as slices of the socket's chunks, where smtp-server walks every byte in
 * JavaScript, copies every chunk once more behind the four bytes it carried over, and waits a
 * turn of the event loop after each doubled dot. What comes out is the same, byte for byte,
 * whatever the chunks (a property test compares the two):
 *  - ".\r\n" right at the start ends an empty message; ".." there loses its first dot;
 *  - further on, a dot after "\n" (from the message's third byte on, as smtp-server reads it) is
 *    the final dot when "\r\n.\r\n" surrounds it (the message keeps that CRLF), and is dropped
 *    when a second dot follows it; any other dot is content.
 * What follows the final dot goes back to the command parser, as before.
 */
export class UnstuffingSmtpStream extends SMTPStream {
  /** Input bytes of the DATA phase seen before the current chunk (`held` included). */
  private seen = 0;
  /** The two input bytes before the current chunk (-1: none), for a dot at its very start. */
  private before1 = -1;
  private before2 = -1;
  /** Input not decided yet: a line-start dot at the end of a chunk, or the first bytes of the message. */
  private held: Buffer | null = null;

  override startDataMode(maxBytes?: number | string | null): ReturnType<SMTPStream['startDataMode']> {
    this.seen = 0;
    this.before1 = -1;
    this.before2 = -1;
    this.held = null;
    return super.startDataMode(maxBytes);
  }

  override _feedDataStream(chunk: Buffer, done: (error?: Error | null) => void): void {
    let input = chunk;
    if (this.held) {
      // A few bytes, rarely (a chunk that ended right after a line-start dot).
      input = Buffer.concat([this.held, chunk]);
      this.held = null;
    }
    const length = input.length;
    // `from`: the first input byte not emitted yet.
    let from = 0;
    if (this._atDataStart) {
      if (length < 3 && input[0] === DOT && (length === 1 || input[1] === CR)) return this.hold(input, 0, done);
      if (input[0] === DOT && input[1] === CR && input[2] === LF) return this._endDataMode(false, input.subarray(3), done);
      if (input[0] === DOT && input[1] === DOT) from = 1;
      this._atDataStart = false;
    }
    const byteAt = (i: number) => (i >= 0 ? input[i]! : i === -1 ? this.before1 : this.before2);
    // The first dot can be a line start only with the "\n" of the previous chunk before it.
    let dot = byteAt(-1) === LF && input[0] === DOT ? 0 : this.nextLineStartDot(input, 0);
    while (dot >= 0) {
      if (this.seen + dot >= 2) {
        if (dot + 1 >= length || (input[dot + 1] === CR && dot + 2 >= length)) {
          return this.hold(input, from, done, dot);
        }
        if (input[dot + 1] === DOT) {
          this.writePiece(input.subarray(from, dot));
          from = dot + 1;
        } else if (input[dot + 1] === CR && input[dot + 2] === LF && byteAt(dot - 2) === CR) {
          const last = input.subarray(from, dot);
          this._countDataBytes(last.length);
          return this._endDataMode(last.length ? last : false, input.subarray(dot + 3), done);
        }
      }
      dot = this.nextLineStartDot(input, dot + 1);
    }
    this.remember(input, length);
    this.writeOut(input.subarray(from), done);
  }

  private nextLineStartDot(input: Buffer, start: number): number {
    const at = input.indexOf(LINE_START_DOT, start > 0 ? start - 1 : 0);
    return at < 0 ? -1 : at + 1;
  }

  /** Emits `input[from, until)`, keeps the rest for the next chunk. */
  private hold(input: Buffer, from: number, done: (error?: Error | null) => void, until = from): void {
    this.remember(input, until);
    this.held = input.subarray(until);
    this.writeOut(input.subarray(from, until), done);
  }

  /** Records the input bytes before `end` as seen (the two last ones for the next chunk's lookback). */
  private remember(input: Buffer, end: number): void {
    if (end >= 2) {
      this.before2 = input[end - 2]!;
      this.before1 = input[end - 1]!;
    } else if (end === 1) {
      this.before2 = this.before1;
      this.before1 = input[0]!;
    }
    this.seen += end;
  }

  /** Writes a piece of the message without waiting for the consumer (the chunk is not done yet). */
  private writePiece(piece: Buffer): void {
    if (!piece.length) return;
    this._countDataBytes(piece.length);
    if (this._dataStream?.writable) this._dataStream.write(piece);
  }

  /** Writes the chunk's last piece, then asks for the next chunk once the consumer can take it. */
  private writeOut(piece: Buffer, done: (error?: Error | null) => void): void {
    const stream = this._dataStream;
    if (!piece.length || !stream) return done();
    this._countDataBytes(piece.length);
    if (!stream.writable || stream.write(piece) || stream.destroyed) return done();
    const onDrain = () => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('close', onDrain);
      done();
    };
    stream.once('drain', onDrain);
    stream.once('close', onDrain);
  }
}

/**
 * A session that reads with `UnstuffingSmtpStream` and sends the replies of one turn of the
 * event loop in one write: a pipelined MAIL, RCPT and DATA get their 250, 250 and 354 in one
 * segment instead of three system calls.
 */
class CatcherConnection extends SMTPConnection {
  private corked = false;

  override _createParser(): SMTPStream {
    const parser = new UnstuffingSmtpStream({ maxCommandLength: this._server.options.maxCommandLength });
    parser.oncommand = (command, callback) => this._onCommand(command, callback);
    parser.on('error', (error: Error) => this.send(421, `Error: ${error.message}`));
    return parser;
  }

  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    const socket = this._socket;
    if (!this.corked && socket.writable) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    super.send(code, data, context);
  }
}

/** smtp-server, its sessions being `CatcherConnection`s. */
export class CatcherSmtpServer extends SMTPServer {
  constructor(options: SMTPServerOptions) {
    super(options);
  }

  override connect(socket: Socket, socketOptions?: ConstructorParameters<typeof SMTPConnection>[2]): void {
    const connection = new CatcherConnection(this, socket, socketOptions);
    this.connections.add(connection);
    connection.on('error', (error: Error) => this._onError(error));
    connection.on('connect', (data) => this._onClientConnect(data));
    connection.init();
  }
}
