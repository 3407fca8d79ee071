import twilio from 'twilio';
import { BaseUrlRequestClient, ChannelError, isValidTwilioSignature, TwilioSmsSender } from '@unisson/channels';
import { ProviderSandbox, startProviderSandbox } from '../src';
import { eventually, WebhookReceiver } from './webhook-receiver';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'sandbox-medium-test-auth-token';
const fromNumber = '+33700000001';

async function sendError(sender: TwilioSmsSender, to: string): Promise<ChannelError> {
  try {
    await sender.send({ to, body: 'Bonjour' });
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error(`sending to ${to} should have failed`);
}

describe('provider sandbox driven by the Twilio SDK adapter', () => {
  let sandbox: ProviderSandbox;
  let receiver: WebhookReceiver;
  let sender: TwilioSmsSender;

  beforeAll(async () => {
    receiver = await new WebhookReceiver((hook) =>
      hook.path.startsWith('/inbound')
        ? {
            status: 200,
            body: '<?xml version="1.0"?><Response><Message>Bien reçu &amp; merci</Message></Response>',
          }
        : hook.path.startsWith('/voice')
          ? { status: 200, body: '<Response><Say language="fr-FR">Bonjour</Say></Response>' }
          : { status: 204 },
    ).start();
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid,
      authToken,
      lifecycleDelayMs: 20,
      inboundSmsWebhookUrl: `${receiver.baseUrl}/inbound?src=sandbox`,
    });
    sender = new TwilioSmsSender({ accountSid, authToken, baseUrl: sandbox.twilioUrl, fromNumber });
  });

  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it('captures an SMS sent through the SDK, with its body and segment count', async () => {
    const body = 'Votre audience est fixée au 12 mars. Vous êtes accompagné·e : appelez le 01 23 45 67 89.';
    const receipt = await sender.send({ to: '+33612340100', body });
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(receipt.providerStatus).toBe('queued');
    expect(receipt.segments).toBe(2); // "ê" and "·" force UCS-2: 89 units > 70
    const stored = sandbox.store.findMessage(receipt.providerMessageId);
    expect(stored).toMatchObject({
      to: '+33612340100',
      from: fromNumber,
      body,
      direction: 'outbound-api',
    });
  });

  it('posts signed status callbacks, sent then delivered, that verify with isValidTwilioSignature', async () => {
    const callbackUrl = `${receiver.baseUrl}/status?messageId=42`;
    const { providerMessageId } = await sender.send({
      to: '+33612340200',
      body: 'Bonjour',
      statusCallbackUrl: callbackUrl,
    });
    const hooks = await eventually('two status callbacks', () => {
      const found = receiver.for(providerMessageId);
      return found.length >= 2 ? found : undefined;
    });
    expect(hooks.map((h) => h.params.MessageStatus)).toEqual(['sent', 'delivered']);
    for (const hook of hooks) {
      const signature = hook.headers['x-twilio-signature'] as string;
      expect(isValidTwilioSignature(authToken, callbackUrl, hook.params, signature)).toBe(true);
      expect(isValidTwilioSignature('another-auth-token-123', callbackUrl, hook.params, signature)).toBe(false);
      expect(hook.params).toMatchObject({
        AccountSid: accountSid,
        SmsSid: providerMessageId,
        To: '+33612340200',
        From: fromNumber,
      });
      expect(hook.params.ErrorCode).toBeUndefined();
    }
    expect(sandbox.store.findMessage(providerMessageId)?.status).toBe('delivered');
  });

  it('reports undelivered with error 30003 for a recipient ending in 0001', async () => {
    const { providerMessageId } = await sender.send({
      to: '+33612340001',
      body: 'Bonjour',
      statusCallbackUrl: `${receiver.baseUrl}/status`,
    });
    const last = await eventually('the final callback', () =>
      receiver.for(providerMessageId).find((h) => h.params.MessageStatus !== 'sent'),
    );
    expect(last.params).toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30003' });
    const fetched = await fetch(`${sandbox.twilioUrl}/2010-04-01/Accounts/${accountSid}/Messages/${providerMessageId}.json`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      },
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(fetched).toMatchObject({ status: 'undelivered', error_code: 30003 });
  });

  it('fails at once with 30006 for a recipient ending in 0002', async () => {
    const { providerMessageId } = await sender.send({
      to: '+33612340002',
      body: 'Bonjour',
      statusCallbackUrl: `${receiver.baseUrl}/status`,
    });
    const hook = await eventually('the failure callback', () => receiver.for(providerMessageId)[0]);
    expect(hook.params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '30006' });
  });

  it.each([
    ['a missing To', '21604', false, ''],
    ['an invalid To', '21211', false, '0612345678'],
    ['a provider outage (…0500)', '20500', true, '+33612340500'],
    ['a rate limit (…0429)', '20429', true, '+33612340429'],
  ])('turns %s into ChannelError %s (retryable: %s)', async (_label, code, retryable, to) => {
    const error = await sendError(sender, to);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('reports an unreachable provider as a retryable network error', async () => {
    const offline = new TwilioSmsSender({
      accountSid,
      authToken,
      baseUrl: 'http://127.0.0.1:9',
      fromNumber,
    });
    const error = await sendError(offline, '+33612340300');
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('refuses wrong credentials with 20003 and the Twilio error shape', async () => {
    const intruder = new TwilioSmsSender({
      accountSid,
      authToken: 'not-the-right-token',
      baseUrl: sandbox.twilioUrl,
      fromNumber,
    });
    const error = await sendError(intruder, '+33612340400');
    expect(error).toMatchObject({ code: '20003', retryable: false, status: 401 });
    const response = await fetch(`${sandbox.twilioUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
  });

  it('finds messages already accepted for a recipient since a date (crash recovery)', async () => {
    const before = new Date(Date.now() - 1000);
    const first = await sender.send({ to: '+33612340600', body: 'Premier' });
    const second = await sender.send({ to: '+33612340600', body: 'Second' });
    await sender.send({ to: '+33612340700', body: 'Autre destinataire' });
    const recent = await sender.findRecent('+33612340600', before);
    expect(recent.map((m) => m.providerMessageId).sort()).toEqual([first.providerMessageId, second.providerMessageId].sort());
    expect(recent.map((m) => m.body).sort()).toEqual(['Premier', 'Second']);
    expect(await sender.findRecent('+33612340600', new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('posts a simulated incoming SMS signed, and honours STOP like Twilio (21610)', async () => {
    const result = await sandbox.simulateInboundSms('+33612340800', 'STOP');
    expect(result.webhookStatus).toBe(200);
    expect(result.replies).toEqual(['Bien reçu & merci']);
    const hook = receiver.received.find((h) => h.params.MessageSid === result.messageSid);
    expect(hook?.params).toMatchObject({
      From: '+33612340800',
      To: '+33700000001',
      Body: 'STOP',
      NumMedia: '0',
      AccountSid: accountSid,
    });
    const url = `${receiver.baseUrl}/inbound?src=sandbox`;
    expect(isValidTwilioSignature(authToken, url, hook?.params ?? {}, hook?.headers['x-twilio-signature'] as string)).toBe(true);

    const error = await sendError(sender, '+33612340800');
    expect(error).toMatchObject({ code: '21610', retryable: false });

    await sandbox.simulateInboundSms('+33612340800', 'START');
    await expect(sender.send({ to: '+33612340800', body: 'Bonjour' })).resolves.toMatchObject({
      providerStatus: 'queued',
    });
  });

  it('places a call: progress callbacks in order, TwiML fetched from Url, duration and AnsweredBy', async () => {
    const client = twilio(accountSid, authToken, {
      httpClient: new BaseUrlRequestClient(sandbox.twilioUrl),
    });
    const call = await client.calls.create({
      to: '+33612340900',
      from: fromNumber,
      url: `${receiver.baseUrl}/voice`,
      statusCallback: `${receiver.baseUrl}/call-status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    const hooks = await eventually('four call callbacks', () => {
      const found = receiver.for(call.sid).filter((h) => h.path.startsWith('/call-status'));
      return found.length >= 4 ? found : undefined;
    });
    expect(hooks.map((h) => h.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(hooks.map((h) => h.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    expect(hooks[3]?.params).toMatchObject({ CallDuration: '42', AnsweredBy: 'human' });
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.status).toBe('completed');
    expect(sandbox.store.findCall(call.sid)?.twiml).toContain('<Say language="fr-FR">Bonjour</Say>');
  });
});
