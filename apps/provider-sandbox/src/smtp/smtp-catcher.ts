import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { SandboxFaults } from '../domain/faults';
import type { CapturedEmail, SandboxStore } from '../sandbox-store';
import { BounceSettings, isUnknownMailbox, returnToSender } from './bounces';
import { CatcherSmtpServer } from './catcher-smtp-server';
import { headerBlockOf, MailHeaders, readHeaderBlock } from './mail-headers';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * The message's bytes from the data stream's slices: a single slice is kept as it is when it is
 * most of its chunk (the store does not hold a large chunk for a small message), copied otherwise.
 */
export function messageOf(slices: Buffer[]): Buffer {
  const only = slices.length === 1 ? slices[0]! : null;
  if (only && only.length * 2 >= only.buffer.byteLength) return only;
  return Buffer.concat(slices);
}

/**
 * A received message as the store keeps it: its envelope, its bytes, and its headers, read the
 * first time someone looks at them (a relay passes a message on without reading it; reading
 * every header block cost the sandbox a tenth of a millisecond an e-mail). The header fields are
 * getters of the object itself (enumerable: JSON and spreads show them), declared in a literal,
 * which costs less than defining them one by one; the header block is cut out on first use too.
 */
export function toCapturedEmail(
  id: number,
  raw: Buffer,
  envelope: CapturedEmail['envelope'],
): { email: CapturedEmail; headerBlock: () => string } {
  let block: string | null = null;
  let read: MailHeaders | null = null;
  const headerBlock = () => (block ??= headerBlockOf(raw));
  const headers = () => (read ??= readHeaderBlock(headerBlock()));
  const email: CapturedEmail = {
    id,
    receivedAt: new Date(),
    envelope,
    raw,
    get from() {
      return headers().from;
    },
    get to() {
      return headers().to;
    },
    get subject() {
      return headers().subject;
    },
    get messageId() {
      return headers().messageId;
    },
    get headers() {
      return headers().headers;
    },
  };
  return { email, headerBlock };
}

/**
 * A local SMTP server that accepts every message (authentication optional, any credentials)
 * and keeps it in the store, its headers read (its parts are decoded when asked for, as a relay
 * passes a message on without parsing it). No STARTTLS: the sandbox listens on loopback only.
 */
export async function startSmtpCatcher(
  host: string,
  port: number,
  store: SandboxStore,
  log: Logger,
  faults?: SandboxFaults,
  bounces?: BounceSettings,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new CatcherSmtpServer({
    name: 'unisson-provider-sandbox',
    banner: 'Unisson provider sandbox: every message is kept, none is delivered',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    // pooled clients keep idle connections open: do not wait 30 s for them on stop()
    closeTimeout: 500,
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sandbox' });
    },
    onConnect(_session, callback) {
      const fault = faults?.nextSmtp('greeting') ?? null;
      if (fault === '421-greeting') return callback(refusal(421, 'Service temporarily unavailable (simulated outage)'));
      if (fault === '554-greeting') return callback(refusal(554, 'No SMTP service here (simulated outage)'));
      callback();
    },
    onData(stream, session, callback) {
      const fault = faults?.nextSmtp('data') ?? null;
      if (fault === '451-after-data') {
        stream.on('end', () => callback(refusal(451, 'Local error in processing (simulated)')));
        stream.resume();
        return;
      }
      // The data stream hands the message over in slices of the socket's chunks: most messages
      // arrive in one, kept as it is (the chunk holds the message and its final dot, no more).
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        if (stream.sizeExceeded) return callback(refusal(552, 'Message exceeds the maximum size'));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        const { email, headerBlock } = toCapturedEmail(store.nextEmailId(), messageOf(chunks), envelope);
        store.emails.push(email);
        log.info({ emailId: email.id, recipients: envelope.rcptTo.length }, 'email captured');
        // A real relay bounces later, after the 250: so does the sandbox (for the messages it bounces).
        if (envelope.mailFrom && envelope.rcptTo.some(isUnknownMailbox)) {
          setTimeout(() => {
            void returnToSender(email, headerBlock(), store, bounces ?? { webhookUrl: null, returnPathDomain: null, secret: '' }, log);
          }, 20);
        }
        // Kept, but the 250 comes late: the client may time out on a message that arrived.
        if (fault === 'timeout-after-data') setTimeout(() => callback(), faults?.smtp.delayMs ?? 0);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.warn({ err: error }, 'SMTP catcher error'));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
