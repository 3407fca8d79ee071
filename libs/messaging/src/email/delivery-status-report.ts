/**
 * Reads an RFC 3464 delivery status notification (multipart/report; report-type=delivery-status):
 * its message/delivery-status part gives, per recipient, the Final-Recipient, the Action
 * (failed, delayed, delivered, relayed, expanded) and the RFC 3463 Status (5.1.1…).
 */
export interface RecipientReport {
  finalRecipient: string;
  action: string;
  status: string;
}

export interface DeliveryStatusReport {
  recipients: RecipientReport[];
}

export class NotADeliveryReport extends Error {}

function unfold(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
}

function fields(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of unfold(block).split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

/** `rfc822; someone@example.org` -> someone@example.org (lower-cased). */
function address(typed: string | undefined): string {
  const value = typed ?? '';
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim().replace(/^<|>$/g, '').toLowerCase();
}

export function parseDeliveryStatusReport(raw: string): DeliveryStatusReport {
  const text = raw.replace(/\r\n/g, '\n');
  const headerEnd = text.indexOf('\n\n');
  const headers = fields(headerEnd >= 0 ? text.slice(0, headerEnd) : text);
  const contentType = headers.get('content-type') ?? '';
  if (!/multipart\/report/i.test(contentType) || !/report-type\s*=\s*"?delivery-status"?/i.test(contentType)) {
    throw new NotADeliveryReport('not a multipart/report; report-type=delivery-status message');
  }
  const boundary = /boundary\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new NotADeliveryReport('multipart/report without a boundary');
  const parts = text.slice(headerEnd + 2).split(`--${boundary}`);
  const statusPart = parts.find((part) => /^\s*content-type:\s*message\/(global-)?delivery-status/im.test(part.split('\n\n')[0] ?? ''));
  if (!statusPart) throw new NotADeliveryReport('no message/delivery-status part');
  const body = statusPart.slice(statusPart.indexOf('\n\n') + 2);
  // Per-message fields first, then one block per recipient, separated by blank lines.
  const blocks = body
    .split(/\n\s*\n/)
    .map(fields)
    .filter((f) => f.has('final-recipient'));
  return {
    recipients: blocks.map((f) => ({
      finalRecipient: address(f.get('final-recipient')),
      action: (f.get('action') ?? '').toLowerCase(),
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0] ?? '',
    })),
  };
}

/** A permanent failure (5.x.x, action failed): the address does not work. 4.x.x is only delayed. */
export function isPermanentFailure(report: RecipientReport): boolean {
  return report.action === 'failed' && report.status.startsWith('5.');
}
