import { generateApiKey, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  const appSecret = 'a-test-secret-of-some-length';

  it('accepts the key it generated and rejects a tampered one', () => {
    const { token, prefix, secretHash } = generateApiKey(appSecret);
    const parsed = parseApiKey(token);
    expect(parsed?.prefix).toBe(prefix);
    expect(secretMatches(parsed!.secret, secretHash, appSecret)).toBe(true);
    const tampered = parseApiKey(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'));
    expect(secretMatches(tampered!.secret, secretHash, appSecret)).toBe(false);
  });

  it('does not accept a key hashed with another application secret', () => {
    const { token, secretHash } = generateApiKey(appSecret);
    expect(secretMatches(parseApiKey(token)!.secret, secretHash, 'another-secret-entirely')).toBe(false);
  });

  it.each(['', 'Bearer x', 'uk_short_abc', 'uk_ABCDEFGH_' + 'x'.repeat(40)])('rejects %p', (raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });
});
