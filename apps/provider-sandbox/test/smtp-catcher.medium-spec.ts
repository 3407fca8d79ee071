import { ChannelError, ClaimLapsedError, SmtpEmailSender } from '@unisson/channels';
import { ProviderSandbox, startProviderSandbox } from '../src';
import { eventually } from './webhook-receiver';

describe('SMTP catcher driven by the SMTP adapter', () => {
  let sandbox: ProviderSandbox;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: 'sandbox-smtp-test-auth-token',
    });
    sender = new SmtpEmailSender({
      smtpUrl: `smtp://127.0.0.1:${sandbox.smtpPort}`,
      from: 'Unisson <ne-pas-repondre@unisson.local>',
    });
  });
  afterAll(async () => {
    sender.close();
    await sandbox.stop();
  });

  it('keeps the parsed message: sender, recipient, subject, text, HTML, Message-ID and headers', async () => {
    const receipt = await sender.send({
      to: 'camille.martin@example.fr',
      subject: 'Votre rendez-vous à l’ADIL',
      text: 'Bonjour, votre rendez-vous est confirmé.',
      html: '<p>Bonjour, votre rendez-vous est <strong>confirmé</strong>.</p>',
      messageId: '<3f1c-test@unisson.local>',
      headers: {
        'List-Unsubscribe': '<https://unisson.example/desabonnement/abc>',
        'X-Unisson-Message': 'm-1',
      },
    });
    expect(receipt.providerMessageId).toBe('<3f1c-test@unisson.local>');
    const captured = await eventually('the captured email', () =>
      sandbox.store.emails.find((e) => e.messageId === '<3f1c-test@unisson.local>'),
    );
    const email = await sandbox.store.showEmail(captured);
    expect(email).toMatchObject({
      from: 'ne-pas-repondre@unisson.local',
      to: ['camille.martin@example.fr'],
      subject: 'Votre rendez-vous à l’ADIL',
      text: 'Bonjour, votre rendez-vous est confirmé.',
      envelope: {
        mailFrom: 'ne-pas-repondre@unisson.local',
        rcptTo: ['camille.martin@example.fr'],
      },
    });
    expect(email.html).toContain('<strong>confirmé</strong>');
    expect(email.headers['x-unisson-message']).toBe('m-1');
    expect(email.headers['list-unsubscribe']).toContain('desabonnement/abc');

    const listed = (await fetch(`${sandbox.twilioUrl}/sandbox/emails`).then((r) => r.json())) as Array<{ messageId: string }>;
    expect(listed.map((e) => e.messageId)).toContain('<3f1c-test@unisson.local>');
    expect((await fetch(`${sandbox.twilioUrl}/sandbox/emails?limit=0`)).status).toBe(400);
    const html = await fetch(`${sandbox.twilioUrl}/sandbox/emails/${email.id}/html`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('<strong>confirmé</strong>');
  });

  it('receives intact a message with lines starting with a dot, written after one that needed no escaping', async () => {
    const text = 'Bonjour,\n.point de départ\n..deux points\nFin.';
    for (const [id, body] of [
      ['<plain@unisson.local>', 'Bonjour, tout est prêt.'],
      ['<dotted@unisson.local>', text],
    ]) {
      await sender.send({ to: 'camille.martin@example.fr', subject: 'Points', text: body, html: `<p>${body}</p>`, messageId: id });
    }
    for (const [id, body] of [
      ['<plain@unisson.local>', 'Bonjour, tout est prêt.'],
      ['<dotted@unisson.local>', text],
    ]) {
      const captured = await eventually(id, () => sandbox.store.emails.find((e) => e.messageId === id));
      expect((await sandbox.store.showEmail(captured)).text).toBe(body);
    }
  });

  it('withholds the final dot when the claim lapsed at the hand-over: nothing is delivered, the caller hears its own error', async () => {
    const refused = sender.send(
      {
        to: 'camille.martin@example.fr',
        subject: 'Relance',
        text: 'Bonjour',
        html: '<p>Bonjour</p>',
        messageId: '<lapsed-claim@unisson.local>',
      },
      async () => {
        throw new ClaimLapsedError('m-lapsed');
      },
    );
    await expect(refused).rejects.toBeInstanceOf(ClaimLapsedError);
    // The next message goes through, on a fresh session: the aborted one was never accepted.
    await sender.send({
      to: 'camille.martin@example.fr',
      subject: 'Suite',
      text: 'Suite',
      html: '<p>Suite</p>',
      messageId: '<after-lapse@unisson.local>',
    });
    await eventually('the next email', () => sandbox.store.emails.find((e) => e.messageId === '<after-lapse@unisson.local>'));
    expect(sandbox.store.emails.filter((e) => e.messageId === '<lapsed-claim@unisson.local>')).toEqual([]);
  });

  it('accepts credentials when the transport authenticates', async () => {
    const authenticated = new SmtpEmailSender({
      smtpUrl: `smtp://relay-user:relay-pass@127.0.0.1:${sandbox.smtpPort}`,
      from: 'Unisson <ne-pas-repondre@unisson.local>',
    });
    try {
      await authenticated.send({
        to: 'a@example.fr',
        subject: 'Test',
        text: 't',
        html: '<p>t</p>',
        messageId: '<auth-test@unisson.local>',
      });
    } finally {
      authenticated.close();
    }
    await eventually('the authenticated email', () => sandbox.store.emails.find((e) => e.messageId === '<auth-test@unisson.local>'));
  });

  it('reports an unreachable relay as a retryable ChannelError', async () => {
    const offline = new SmtpEmailSender({
      smtpUrl: 'smtp://127.0.0.1:9',
      from: 'Unisson <ne-pas-repondre@unisson.local>',
    });
    const error = await offline
      .send({
        to: 'a@example.fr',
        subject: 'Test',
        text: 't',
        html: '<p>t</p>',
        messageId: '<offline@unisson.local>',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    offline.close();
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ channel: 'email', code: 'NETWORK', retryable: true });
  });

  it('lists captured SMS, calls and emails on the French home page, and empties the store on reset', async () => {
    const page = await fetch(`${sandbox.twilioUrl}/`).then((r) => r.text());
    expect(page).toContain('Bac à sable des fournisseurs');
    expect(page).toContain('Votre rendez-vous à l’ADIL');
    expect(page).toContain('Numéros magiques');
    const reset = await fetch(`${sandbox.twilioUrl}/sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(sandbox.store.emails).toHaveLength(0);
  });
});
