import type { Socket } from 'node:net';
import type { Transform, TransformCallback } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { escapedNatively, isTransparentMessage } from './domain/smtp-data-escaping';

/** nodemailer's DATA stream, as far as its byte counts and escaping go (its own fields). */
type DataStream = Transform & {
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
  _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void;
};

/**
 * The connection's DATA streams send a message escaped when it was built as it is
 * (`markTransparent`), escape others with native scans where they can (`escapedNatively`: a
 * scan and a replace instead of a JavaScript walk of every byte), with nodemailer's own
 * escaping otherwise. The same bytes reach the server either way (a property test compares them
 * with nodemailer's).
 */
function withNativeEscaping(connection: SMTPConnection): SMTPConnection {
  const internals = connection as unknown as { _createSendStream(callback: unknown): DataStream };
  const createSendStream = internals._createSendStream;
  if (typeof createSendStream !== 'function') return connection; // another nodemailer: its own escaping, unchanged
  internals._createSendStream = function (this: unknown, callback: unknown): DataStream {
    const stream = createSendStream.call(this, callback);
    const escape = stream._transform;
    stream._transform = function (this: DataStream, chunk, encoding, done) {
      const escaped =
        !Buffer.isBuffer(chunk) || chunk.length === 0
          ? null
          : isTransparentMessage(chunk, this.lastByte)
            ? chunk
            : escapedNatively(chunk, this.lastByte);
      if (!escaped) return escape.call(this, chunk, encoding, done);
      this.inByteCount += chunk.length;
      this.outByteCount += escaped.length;
      this.lastByte = chunk[chunk.length - 1]!;
      this.push(escaped);
      done();
    };
    return stream;
  };
  return connection;
}

export interface SmtpPoolOptions {
  url: URL;
  maxConnections: number;
  timeoutMs: number;
}

/**
 * A few open SMTP sessions, reused message after message (nodemailer's own pool hides the
 * moment the final dot is written, which exactly-once sending needs to know).
 */
export class SmtpConnectionPool {
  private readonly idle: SMTPConnection[] = [];
  private readonly waiting: Array<(connection: SMTPConnection | null) => void> = [];
  private open = 0;
  private closed = false;

  constructor(private readonly options: SmtpPoolOptions) {}

  async acquire(): Promise<SMTPConnection> {
    const reused = this.idle.pop();
    if (reused) return reused;
    if (this.open >= this.options.maxConnections) {
      const handed = await new Promise<SMTPConnection | null>((resolve) => this.waiting.push(resolve));
      return handed ?? this.acquire();
    }
    this.open++;
    try {
      return await this.connect();
    } catch (error) {
      this.open--;
      this.wakeOne(null);
      throw error;
    }
  }

  /**
   * Whether the server announced 8BITMIME in its EHLO answer. nodemailer keeps the extensions
   * in a private field: read here only, and anything unexpected counts as "no" (the message then
   * goes quoted-printable, which every server takes).
   */
  static accepts8BitMime(connection: SMTPConnection): boolean {
    const extensions = (connection as unknown as { _supportedExtensions?: unknown })._supportedExtensions;
    return Array.isArray(extensions) && extensions.includes('8BITMIME');
  }

  /**
   * Holds the session's writes back until `release` is called, then sends them in one go (a
   * message and its final dot: one system call instead of two). Without the socket nodemailer
   * keeps privately, nothing is held.
   */
  static holdWrites(connection: SMTPConnection): () => void {
    const socket = (connection as unknown as { _socket?: Socket })._socket;
    if (!socket || typeof socket.cork !== 'function') return () => undefined;
    socket.cork();
    return () => socket.uncork();
  }

  /** A healthy connection goes back to the pool; a broken one is closed. */
  release(connection: SMTPConnection, healthy: boolean): void {
    if (!healthy || this.closed) {
      this.open--;
      connection.close();
      this.wakeOne(null);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(connection);
    else this.idle.push(connection);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.close();
    for (const waiter of this.waiting.splice(0)) waiter(null);
  }

  private wakeOne(connection: SMTPConnection | null): void {
    this.waiting.shift()?.(connection);
  }

  private connect(): Promise<SMTPConnection> {
    const { url, timeoutMs } = this.options;
    const connection = withNativeEscaping(
      new SMTPConnection({
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
        secure: url.protocol === 'smtps:',
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      }),
    );
    return new Promise<SMTPConnection>((resolve, reject) => {
      const fail = (error: Error) => {
        connection.close();
        reject(error);
      };
      connection.once('error', fail);
      connection.connect(() => {
        if (!url.username) {
          connection.off('error', fail);
          return resolve(this.watch(connection));
        }
        connection.login({ user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }, (error) => {
          if (error) return fail(error);
          connection.off('error', fail);
          resolve(this.watch(connection));
        });
      });
    });
  }

  /** An idle session the server closes leaves the pool. */
  private watch(connection: SMTPConnection): SMTPConnection {
    const drop = () => {
      const index = this.idle.indexOf(connection);
      if (index >= 0) {
        this.idle.splice(index, 1);
        this.open--;
      }
    };
    connection.on('end', drop);
    connection.on('error', drop);
    return connection;
  }
}
