import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { signMailWebhook } from '@unisson/channels';
import type { CapturedEmail, SandboxStore } from '../sandbox-store';

/**
 * Recipients the sandbox's "remote mail server" does not know: local part starting with
 * `inconnu` or `bounce`, or a domain under the reserved `.invalid` TLD (RFC 2606). The message is
 * accepted (250), then a delivery status notification comes back to its return path, as a real
 * relay does a few seconds later.
 */
export function isUnknownMailbox(address: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return local.startsWith('inconnu') || local.startsWith('bounce') || domain.endsWith('.invalid');
}

export interface BounceSettings {
  /** Where the return path's mail is handed (the API's bounce webhook); null: the reports are only kept. */
  webhookUrl: string | null;
  /** The return path's domain the webhook serves (MAIL_RETURN_PATH's). */
  returnPathDomain: string | null;
  secret: string;
}

/** An RFC 3464 multipart/report for the recipients that failed, with the original headers. */
export function deliveryStatusNotification(
  original: CapturedEmail,
  returnPath: string,
  failed: string[],
  rawHeaders: string,
  at: Date = new Date(),
): string {
  const boundary = `dsn-${randomBytes(8).toString('hex')}`;
  const perRecipient = failed
    .map(
      (r) =>
        `Final-Recipient: rfc822; ${r}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <${r}>: Recipient address rejected: User unknown\r\nLast-Attempt-Date: ${at.toUTCString()}`,
    )
    .join('\r\n\r\n');
  return [
    `From: Mail Delivery System <MAILER-DAEMON@sandbox.unisson.local>`,
    `To: <${returnPath}>`,
    `Subject: Undelivered Mail Returned to Sender`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@sandbox.unisson.local>`,
    `Auto-Submitted: auto-replied`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    ``,
    `--${boundary}`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    `Your message could not be delivered to: ${failed.join(', ')} (user unknown).`,
    ``,
    `--${boundary}`,
    `Content-Type: message/delivery-status`,
    ``,
    `Reporting-MTA: dns; sandbox.unisson.local`,
    `Arrival-Date: ${original.receivedAt.toUTCString()}`,
    ``,
    perRecipient,
    ``,
    `--${boundary}`,
    `Content-Type: text/rfc822-headers`,
    ``,
    rawHeaders.trim(),
    ``,
    `--${boundary}--`,
    ``,
  ].join('\r\n');
}

/** Sends the report back: kept in the store, and posted (signed) to the webhook when the return path is the app's. */
export async function returnToSender(
  original: CapturedEmail,
  rawHeaders: string,
  store: SandboxStore,
  settings: BounceSettings,
  log: Logger,
): Promise<void> {
  const failed = original.envelope.rcptTo.filter(isUnknownMailbox);
  const returnPath = original.envelope.mailFrom;
  if (!failed.length || !returnPath) return;
  const report = deliveryStatusNotification(original, returnPath, failed, rawHeaders);
  store.emails.push({
    id: store.nextEmailId(),
    receivedAt: new Date(),
    envelope: { mailFrom: null, rcptTo: [returnPath] },
    from: 'MAILER-DAEMON@sandbox.unisson.local',
    to: [returnPath],
    subject: 'Undelivered Mail Returned to Sender',
    messageId: null,
    headers: { 'content-type': 'multipart/report; report-type=delivery-status' },
    raw: Buffer.from(report),
  });
  const domain = returnPath.slice(returnPath.lastIndexOf('@') + 1).toLowerCase();
  if (!settings.webhookUrl || domain !== settings.returnPathDomain?.toLowerCase()) return;
  const delivery = {
    at: new Date(),
    kind: 'email-bounce' as const,
    sid: String(original.id),
    url: settings.webhookUrl,
    params: { envelopeTo: returnPath },
    signature: signMailWebhook(settings.secret, returnPath, report),
    httpStatus: null as number | null,
    error: null as string | null,
  };
  store.webhooks.push(delivery);
  try {
    const response = await fetch(settings.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-unisson-signature': delivery.signature },
      body: JSON.stringify({ envelopeTo: returnPath, message: report }),
      signal: AbortSignal.timeout(5_000),
    });
    delivery.httpStatus = response.status;
  } catch (error) {
    delivery.error = error instanceof Error ? error.message : String(error);
    log.warn({ emailId: original.id }, 'bounce webhook unreachable');
  }
}
