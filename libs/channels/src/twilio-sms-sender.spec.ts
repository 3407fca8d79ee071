import twilio from 'twilio';
import { BaseUrlRequestClient, describeTwilioFailure, rewriteTwilioUrl, twilioClientOptions } from './twilio-sms-sender';

describe('twilioClientOptions', () => {
  it("keeps the SDK's own client and host in production (empty TWILIO_BASE_URL), with a timeout", () => {
    const client = twilioClientOptions({ baseUrl: null }, 4_000).httpClient;
    expect(client).toBeInstanceOf(twilio.RequestClient);
    expect(client).not.toBeInstanceOf(BaseUrlRequestClient);
    expect(
      (client as unknown as { defaultTimeout?: number; timeout?: number }).defaultTimeout ??
        (client as unknown as { timeout?: number }).timeout,
    ).toBe(4_000);
  });

  it('swaps in the base-URL client for the local sandbox', () => {
    expect(twilioClientOptions({ baseUrl: 'http://127.0.0.1:4010' }).httpClient).toBeInstanceOf(BaseUrlRequestClient);
  });
});

describe('rewriteTwilioUrl', () => {
  it.each([
    [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json',
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json',
    ],
    ['https://messaging.twilio.com/v1/Services', 'http://127.0.0.1:4010/', 'http://127.0.0.1:4010/v1/Services'],
    ['https://example.com/twilio.com/x', 'http://127.0.0.1:4010', 'https://example.com/twilio.com/x'],
    ['https://api.twilio.com.evil.example/x', 'http://127.0.0.1:4010', 'https://api.twilio.com.evil.example/x'],
  ])('%s', (uri, baseUrl, expected) => {
    expect(rewriteTwilioUrl(uri, baseUrl)).toBe(expected);
  });
});

describe('describeTwilioFailure', () => {
  it('reads status and code from the SDK RestException', () => {
    const error = new twilio.RestException({
      statusCode: 400,
      body: { code: 21604, message: "A 'To' phone number is required.", status: 400 },
    });
    expect(describeTwilioFailure(error)).toEqual({
      kind: 'rest',
      status: 400,
      code: 21604,
      message: "A 'To' phone number is required.",
    });
  });

  it('recognises a network error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), {
      code: 'ECONNREFUSED',
    });
    expect(describeTwilioFailure(error)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it('recognises the SDK refusing a request before sending it', () => {
    expect(describeTwilioFailure(new Error('Required parameter "params[\'to\']" missing.'))).toMatchObject({
      kind: 'client-validation',
    });
  });
});
