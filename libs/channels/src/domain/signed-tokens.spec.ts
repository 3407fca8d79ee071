import { signMailWebhook, isValidMailWebhookSignature } from './mail-webhook-signature';
import { signToken, verifyToken } from './signed-tokens';

const secret = 'unisson-test-secret-0123456789';

describe('signed link tokens', () => {
  it('gives back the fields of a token it signed, for the same purpose only', () => {
    const token = signToken(secret, 'email-unsubscribe', { h: 'household-1', m: 'message-1' });
    expect(verifyToken(secret, 'email-unsubscribe', token)).toEqual({ h: 'household-1', m: 'message-1' });
    expect(verifyToken(secret, 'email-link', token)).toBeNull();
    expect(verifyToken('another-secret-0123456789', 'email-unsubscribe', token)).toBeNull();
  });

  it('refuses a token whose fields or signature were changed', () => {
    const token = signToken(secret, 'email-link', { m: 'message-1', u: 'https://www.anil.org/' });
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ m: 'message-1', u: 'https://evil.example/' })).toString('base64url');
    expect(verifyToken(secret, 'email-link', `${forged}.${signature}`)).toBeNull();
    expect(verifyToken(secret, 'email-link', `${payload}.${signature!.slice(0, -2)}AA`)).toBeNull();
    expect(verifyToken(secret, 'email-link', `${payload}`)).toBeNull();
    expect(verifyToken(secret, 'email-link', 'not a token')).toBeNull();
  });
});

describe('signed bounce reports', () => {
  it('accepts the signature the mail server computed, within five minutes, for this exact report', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const header = signMailWebhook(secret, 'rebonds+x@unisson.local', 'report', at);
    expect(isValidMailWebhookSignature(secret, header, 'rebonds+x@unisson.local', 'report', new Date('2026-12-01T10:04:00Z'))).toBe(true);
    expect(isValidMailWebhookSignature(secret, header, 'rebonds+x@unisson.local', 'report', new Date('2026-12-01T10:06:00Z'))).toBe(false);
    expect(isValidMailWebhookSignature(secret, header, 'rebonds+y@unisson.local', 'report', at)).toBe(false);
    expect(isValidMailWebhookSignature(secret, header, 'rebonds+x@unisson.local', 'report!', at)).toBe(false);
    expect(isValidMailWebhookSignature(secret, undefined, 'rebonds+x@unisson.local', 'report', at)).toBe(false);
    expect(isValidMailWebhookSignature(secret, 't=abc,v1=00', 'rebonds+x@unisson.local', 'report', at)).toBe(false);
  });
});
