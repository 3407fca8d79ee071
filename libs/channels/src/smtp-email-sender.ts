import { Readable } from 'node:stream';
import addressparser from 'nodemailer/lib/addressparser';
import type { AppConfig } from '@unisson/config';
import { ChannelError } from './domain/channel-error';
import { buildMimeMessage } from './domain/mime-message';
import { smtpFailureToChannelError, SmtpFailure } from './domain/smtp-error-mapping';
import { EmailReceipt, EmailRequest, EmailSender } from './email-sender';
import { SmtpConnectionPool } from './smtp-connection-pool';

type MailConfig = AppConfig['mail'];

/** Duck-typed on purpose: socket errors may come from another realm, where instanceof Error fails. */
function asSmtpFailure(error: unknown): SmtpFailure {
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; code?: unknown; responseCode?: unknown; command?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : String(error),
      code: typeof e.code === 'string' ? e.code : undefined,
      responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
      command: typeof e.command === 'string' ? e.command : undefined,
    };
  }
  return { message: String(error) };
}

function bareAddress(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  return first?.address || from;
}

/**
 * The message as a stream that holds it back: nothing is written until `beforeHandover`
 * resolved (the moment is recorded), then the message and its final dot leave together (one
 * write: `holdWrites` until both are queued). Nothing is read from the stream before the server
 * answered DATA with 354. The SMTP client ends the data with the final dot once the stream ends.
 */
function handoverStream(
  raw: Buffer,
  beforeHandover: () => Promise<void>,
  handedOver: () => void,
  refused: (error: unknown) => void,
  holdWrites: () => () => void,
): Readable {
  let asked = false;
  const stream = new Readable({
    read() {
      if (asked) return;
      asked = true;
      beforeHandover().then(
        () => {
          handedOver();
          const release = holdWrites();
          stream.push(raw);
          stream.push(null);
          // The dot is queued a few ticks after the message (the streams' end events): let them run first.
          setImmediate(release);
        },
        (error: unknown) => {
          refused(error);
          stream.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  return stream;
}

/**
 * Sends mail over SMTP through a small pool of sessions: the local catcher of the provider
 * sandbox in development, a real relay in production (only SMTP_URL changes). An error after
 * the final dot left without the server's answer (timeout, dropped connection) is reported as
 * `maybeAccepted`: the server may have the message, it must not be sent again.
 */
export class SmtpEmailSender extends EmailSender {
  private readonly pool: SmtpConnectionPool;
  private readonly fromAddress: string;
  override readonly sessions: number;

  constructor(
    private readonly config: Pick<MailConfig, 'smtpUrl' | 'from'> & Partial<Pick<MailConfig, 'returnPath'>>,
    options: { timeoutMs?: number; maxConnections?: number } = {},
  ) {
    super();
    this.sessions = options.maxConnections ?? 5;
    this.pool = new SmtpConnectionPool({
      url: new URL(config.smtpUrl),
      maxConnections: this.sessions,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
    this.fromAddress = bareAddress(config.from);
  }

  async send(req: EmailRequest, beforeHandover: () => Promise<void> = async () => undefined): Promise<EmailReceipt> {
    let handedOver = false;
    // What `beforeHandover` threw: the final dot was withheld, the caller hears its own error.
    let refusal: { error: unknown } | null = null;
    let connection;
    try {
      connection = await this.pool.acquire();
    } catch (error) {
      throw smtpFailureToChannelError(asSmtpFailure(error));
    }
    const session = connection;
    try {
      const message = buildMimeMessage(
        {
          from: req.from ?? this.config.from,
          replyTo: req.replyTo,
          to: req.to,
          subject: req.subject,
          html: req.html,
          text: req.text,
          messageId: req.messageId,
          headers: req.headers,
        },
        { eightBitAccepted: SmtpConnectionPool.accepts8BitMime(session) },
      );
      await new Promise<void>((resolve, reject) => {
        const stream = handoverStream(
          message.data,
          beforeHandover,
          () => (handedOver = true),
          (error) => (refusal = { error }),
          () => SmtpConnectionPool.holdWrites(session),
        );
        const envelope = {
          from: req.envelopeFrom ?? this.fromAddress,
          to: [req.to],
          // RFC 1870: an estimate; the doubled dots make it a few octets high, never low.
          size: message.data.length,
          use8BitMime: message.eightBit,
        };
        session.send(envelope, stream, (error) => (error ? reject(error) : resolve()));
      });
      this.pool.release(session, true);
      return { providerMessageId: req.messageId };
    } catch (error) {
      this.pool.release(session, false);
      if (refusal) throw (refusal as { error: unknown }).error;
      const failure = asSmtpFailure(error);
      const mapped = smtpFailureToChannelError(failure);
      if (handedOver && failure.responseCode === undefined) {
        throw new ChannelError('email', mapped.code, mapped.retryable, mapped.message, null, true);
      }
      throw mapped;
    }
  }

  close(): void {
    this.pool.close();
  }

  /** Nest lifecycle hook: release the SMTP sessions on shutdown. */
  onModuleDestroy(): void {
    this.close();
  }
}
