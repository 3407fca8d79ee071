import { loadConfig } from '@unisson/config';
import { EmailChannelSender } from './email-channel-sender';
import { EmailReceipt, EmailRequest, EmailSender } from './email-sender';
import { ClaimLapsedError, OutboundDelivery, SendProgress } from './channel-sender';

/** The mail transport as far as the channel sees it: it runs `beforeHandover` when it is given one. */
class RecordingTransport extends EmailSender {
  readonly sent: EmailRequest[] = [];
  async send(req: EmailRequest, beforeHandover?: () => Promise<void>): Promise<EmailReceipt> {
    await beforeHandover?.();
    this.sent.push(req);
    return { providerMessageId: req.messageId };
  }
}

const delivery: OutboundDelivery = {
  messageId: '7d2f1c1e-8a55-4a53-9d0b-0c1d5f1e2a10',
  idempotencyKey: 'plan:7d2f:email',
  plannedContactKey: null,
  channel: 'email',
  householdId: '0b9e3f5a-2c44-4c6a-8f5e-5b1d2e3f4a51',
  purpose: 'first_arrears',
  locale: 'fr',
  recipient: 'awa.diallo@example.org',
  subject: 'Loyer impayé',
  body: 'Bonjour',
  bodyHtml: '<p>Bonjour</p>',
  templateKey: 'first_arrears_information',
  templateVersion: 'v1',
  variant: 'default',
  signingPartnerIds: [],
};

/** What dispatch lends: records hand-overs and claim checks; `lapsed` makes both refuse. */
function progress(lapsed = false) {
  const calls: string[] = [];
  const lent: SendProgress = {
    confirmClaim: () => {
      calls.push('confirmClaim');
      if (lapsed) throw new ClaimLapsedError(delivery.messageId);
    },
    beforeHandover: async () => {
      calls.push('beforeHandover');
      if (lapsed) throw new ClaimLapsedError(delivery.messageId);
    },
  };
  return { calls, lent };
}

describe('EmailChannelSender: what an e-mail in doubt rests on', () => {
  it('without the relay’s log, has the moment of the final dot recorded first (a crash after it is never resent)', async () => {
    const transport = new RecordingTransport();
    const sender = new EmailChannelSender(transport, loadConfig({ MAIL_LOG_URL: '' }));
    const { calls, lent } = progress();
    await sender.send(delivery, lent);
    expect(calls).toEqual(['beforeHandover']);
    expect(transport.sent).toHaveLength(1);
  });

  it('with the relay’s log, records nothing before the final dot: a message in doubt is looked up in the log', async () => {
    const transport = new RecordingTransport();
    const sender = new EmailChannelSender(transport, loadConfig({ MAIL_LOG_URL: 'http://127.0.0.1:9/relay-log' }));
    const { calls, lent } = progress();
    await sender.send(delivery, lent);
    expect(calls).toEqual(['confirmClaim']);
    expect(transport.sent[0].messageId).toBe('<plan.7d2f.email@unisson>');
  });

  it.each([
    ['without', ''],
    ['with', 'http://127.0.0.1:9/relay-log'],
  ])('%s the relay’s log, hands nothing over once the claim lapsed', async (_label, logUrl) => {
    const transport = new RecordingTransport();
    const sender = new EmailChannelSender(transport, loadConfig({ MAIL_LOG_URL: logUrl }));
    await expect(sender.send(delivery, progress(true).lent)).rejects.toBeInstanceOf(ClaimLapsedError);
    expect(transport.sent).toEqual([]);
  });
});
