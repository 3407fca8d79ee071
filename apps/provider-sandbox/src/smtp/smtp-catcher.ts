import type { AddressInfo } from 'node:net';
import { simpleParser, AddressObject, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Logger } from 'pino';
import type { SandboxFaults } from '../domain/faults';
import type { CapturedEmail, SandboxStore } from '../sandbox-store';
import { BounceSettings, returnToSender } from './bounces';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((a) => a.address ?? '')).filter(Boolean);
}

/** Raw header values as sent (unfolded), keyed by lower-case name; repeated headers joined. */
function rawHeaders(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

export function toCapturedEmail(id: number, parsed: ParsedMail, envelope: CapturedEmail['envelope']): CapturedEmail {
  return {
    id,
    receivedAt: new Date(),
    envelope,
    from: parsed.from?.value[0]?.address ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? null,
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    messageId: parsed.messageId ?? null,
    headers: rawHeaders(parsed),
  };
}

/**
 * A local SMTP server that accepts every message (authentication optional, any credentials)
 * and keeps it parsed in the store. No STARTTLS: the sandbox listens on loopback only.
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
      // What the store keeps is parsed; the HTML version of the text part (linkified) and inline
      // images as data URIs are not kept, so not built (they cost most of the parse).
      simpleParser(stream, { skipTextToHtml: true, skipImageLinks: true })
        .then((parsed) => {
          const envelope = {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          };
          const email = toCapturedEmail(store.nextEmailId(), parsed, envelope);
          store.emails.push(email);
          log.info({ emailId: email.id, recipients: envelope.rcptTo.length }, 'email captured');
          const headerBlock = parsed.headerLines.map((h) => h.line).join('\r\n');
          // A real relay bounces later, after the 250: so does the sandbox.
          setTimeout(() => {
            void returnToSender(email, headerBlock, store, bounces ?? { webhookUrl: null, returnPathDomain: null, secret: '' }, log);
          }, 20);
          // Kept, but the 250 comes late: the client may time out on a message that arrived.
          if (fault === 'timeout-after-data') setTimeout(() => callback(), faults?.smtp.delayMs ?? 0);
          else callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
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
