import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Logger } from 'pino';
import type { SandboxFaults } from '../domain/faults';
import type { CapturedEmail, SandboxStore } from '../sandbox-store';
import { BounceSettings, returnToSender } from './bounces';
import { headerBlockOf, MailHeaders, readHeaderBlock } from './mail-headers';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** What the store shows of a message's headers, read on first use. */
const READ_ON_DEMAND = ['from', 'to', 'subject', 'messageId', 'headers'] as const;

/**
 * A received message as the store keeps it: its envelope, its bytes, and its headers, read the
 * first time someone looks at them (a relay passes a message on without reading it; reading
 * every header block cost the sandbox a tenth of a millisecond an e-mail).
 */
export function toCapturedEmail(
  id: number,
  raw: Buffer,
  envelope: CapturedEmail['envelope'],
): { email: CapturedEmail; headerBlock: string } {
  const block = headerBlockOf(raw);
  let read: MailHeaders | null = null;
  const email = { id, receivedAt: new Date(), envelope, raw } as CapturedEmail;
  for (const field of READ_ON_DEMAND) {
    Object.defineProperty(email, field, { enumerable: true, get: () => (read ??= readHeaderBlock(block))[field] });
  }
  return { email, headerBlock: block };
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
  const server = new SMTPServer({
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
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        if (stream.sizeExceeded) return callback(refusal(552, 'Message exceeds the maximum size'));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        const { email, headerBlock } = toCapturedEmail(store.nextEmailId(), Buffer.concat(chunks), envelope);
        store.emails.push(email);
        log.info({ emailId: email.id, recipients: envelope.rcptTo.length }, 'email captured');
        // A real relay bounces later, after the 250: so does the sandbox.
        setTimeout(() => {
          void returnToSender(email, headerBlock, store, bounces ?? { webhookUrl: null, returnPathDomain: null, secret: '' }, log);
        }, 20);
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
