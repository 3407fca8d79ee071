import { createHmac } from 'node:crypto';
import { computeTwilioSignature, isValidTwilioSignature } from './twilio-signature';

const token = 'unisson-local-twilio-auth-token';
const url = 'https://unisson.example/webhooks/twilio/status?tenant=a';
const params = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  MessageStatus: 'delivered',
  To: '+33612345678',
};

/** Twilio's documented algorithm, written independently of the SDK. */
function referenceSignature(authToken: string, fullUrl: string, body: Record<string, string>): string {
  const data = Object.keys(body)
    .sort()
    .reduce((acc, key) => acc + key + body[key], fullUrl);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

describe('Twilio signatures', () => {
  it('computes the documented HMAC-SHA1 of URL + sorted parameters', () => {
    expect(computeTwilioSignature(token, url, params)).toBe(referenceSignature(token, url, params));
  });

  it('accepts the signature Twilio would send', () => {
    expect(isValidTwilioSignature(token, url, params, referenceSignature(token, url, params))).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['empty header', ''],
    ['signature from another token', referenceSignature('another-token-0123456', url, params)],
  ])('rejects %s', (_label, signature) => {
    expect(isValidTwilioSignature(token, url, params, signature)).toBe(false);
  });

  it('rejects a tampered parameter', () => {
    const signature = referenceSignature(token, url, params);
    expect(isValidTwilioSignature(token, url, { ...params, MessageStatus: 'failed' }, signature)).toBe(false);
  });

  it('rejects the same body posted to another URL', () => {
    const signature = referenceSignature(token, url, params);
    expect(isValidTwilioSignature(token, 'https://evil.example/webhooks/twilio/status?tenant=a', params, signature)).toBe(false);
  });
});
