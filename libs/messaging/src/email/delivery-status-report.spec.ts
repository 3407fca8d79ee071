import { isPermanentFailure, NotADeliveryReport, parseDeliveryStatusReport } from './delivery-status-report';

const report = (perRecipient: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example>',
    'To: <rebonds+0b6f0a52-1c1e-4f43-9a53-2f4a54c2b001@unisson.local>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0undary"',
    '',
    '--B0undary',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Final-Recipient: this human part must not be read',
    '',
    '--B0undary',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example',
    '',
    perRecipient,
    '',
    '--B0undary',
    'Content-Type: text/rfc822-headers',
    '',
    'Subject: Loyer impayé',
    '',
    '--B0undary--',
  ].join('\r\n');

describe('delivery status notifications (RFC 3464)', () => {
  it('reads each recipient’s final address, action and status', () => {
    const parsed = parseDeliveryStatusReport(
      report(
        'Final-Recipient: rfc822; Inconnu.Dupont@Example.org\r\nAction: failed\r\nStatus: 5.1.1 (user unknown)\r\n\r\nFinal-Recipient: rfc822;autre@example.org\r\nAction: delayed\r\nStatus: 4.4.1',
      ),
    );
    expect(parsed.recipients).toEqual([
      { finalRecipient: 'inconnu.dupont@example.org', action: 'failed', status: '5.1.1' },
      { finalRecipient: 'autre@example.org', action: 'delayed', status: '4.4.1' },
    ]);
    expect(parsed.recipients.map(isPermanentFailure)).toEqual([true, false]);
  });

  it('refuses an ordinary e-mail, or a report without its status part', () => {
    expect(() => parseDeliveryStatusReport('Content-Type: text/plain\r\n\r\nhello')).toThrow(NotADeliveryReport);
    expect(() =>
      parseDeliveryStatusReport(
        'Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--',
      ),
    ).toThrow(NotADeliveryReport);
  });
});
