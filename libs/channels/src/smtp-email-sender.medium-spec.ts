import { simpleParser } from 'mailparser';
import { startProviderSandbox, ProviderSandbox } from '../../../apps/provider-sandbox/src';
import { SmtpEmailSender } from './smtp-email-sender';

jest.setTimeout(30_000);

/**
 * Lines opening with a dot (MJML's CSS rules, a list written with dots, an ellipsis) must reach
 * the reader as written: SMTP doubles them on the way (RFC 5321 § 4.5.2), the server undoes it.
 */
describe('SmtpEmailSender to a real SMTP server', () => {
  let sandbox: ProviderSandbox;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    sandbox = await startProviderSandbox({ twilioPort: 0, smtpPort: 0, accountSid: 'ACtest', authToken: 'token' });
    sender = new SmtpEmailSender({ smtpUrl: `smtp://127.0.0.1:${sandbox.smtpPort}`, from: 'Unisson <ne-pas-repondre@unisson.local>' });
  });

  afterAll(async () => {
    sender.close();
    await sandbox.stop();
  });

  it.each([
    ['UTF-8 (8BITMIME)', 'é'],
    ['ASCII only (7bit)', 'e'],
  ])('delivers every line opening with one dot or two as written, %s', async (_label, accent) => {
    const text = `Bonjour,\n.point de d${accent}part\n..deux points\n...\nfin.`;
    const html = `<style>\n.mj-column-per-100 { width:100% !important; }\n</style>\n<p>R${accent}sum${accent}</p>\n.\n..<b>x</b>`;
    const messageId = `<dots-${accent === 'é' ? 8 : 7}@unisson>`;
    await sender.send({ to: 'awa@example.org', subject: 'Rendez-vous', text, html, messageId });
    const received = sandbox.store.emails.find((e) => e.messageId === messageId)!;
    expect(received).toBeDefined();
    const parsed = await simpleParser(received.raw);
    expect(parsed.text).toBe(text);
    expect(String(parsed.html).replace(/\r\n/g, '\n')).toBe(html);
  });
});
