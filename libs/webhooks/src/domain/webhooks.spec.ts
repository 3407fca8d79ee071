import { decryptSecret, encryptSecret, signatureHeader, verifySignature } from './signature';
import { endpointUrlProblem, mergedIntentIds } from './partner-event';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"sms:SM1","type":"household.responded"}';
  const now = 1_800_000_000;

  it('verifies its own signature and refuses a changed body, another secret or an old timestamp', () => {
    const header = signatureHeader(secret, now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, secret, body, now + 10)).toBe(true);
    expect(verifySignature(header, secret, body.replace('SM1', 'SM2'), now)).toBe(false);
    expect(verifySignature(header, 'whsec_other', body, now)).toBe(false);
    expect(verifySignature(header, secret, body, now + 301)).toBe(false);
    expect(verifySignature(undefined, secret, body, now)).toBe(false);
  });

  it('stores secrets encrypted and reads them back only with the same application secret', () => {
    const stored = encryptSecret(secret, 'app-secret-one-xxxxxx');
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored, 'app-secret-one-xxxxxx')).toBe(secret);
    expect(() => decryptSecret(stored, 'app-secret-two-xxxxxx')).toThrow();
  });
});

describe('endpoint URLs', () => {
  it.each([
    ['https://bailleur.example.org/hooks', true, null],
    ['http://bailleur.example.org/hooks', true, /https/],
    ['https://127.0.0.1/hooks', true, /publique/],
    ['https://10.1.2.3/hooks', true, /publique/],
    ['https://user:pw@bailleur.example.org/', true, /identifiant/],
    ['https://[::ffff:127.0.0.1]/', true, /publique/],
    ['https://[::ffff:a9fe:a9fe]/', true, /publique/],
    ['https://[::]/', true, /publique/],
    ['https://localhost./', true, /publique/],
    ['https://100.100.100.200/', true, /publique/],
    ['https://[fe80::1]/', true, /publique/],
    ['https://[fd00::1]/', true, /publique/],
    ['http://127.0.0.1:4311/hooks', false, null],
    ['ftp://x', false, /https/],
    ['pas une url', false, /URL complète/],
  ])('%s (production %s)', (url, production, problem) => {
    const found = endpointUrlProblem(url, production);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe('merged intents', () => {
  it('finds the intents a plan merged together, and only those', () => {
    const trace = [
      { code: 'planned', intentIds: ['a'] },
      { code: 'merged', intentIds: ['a', 'b'] },
      { code: 'stageLetterMerged', intentIds: ['c', 'd', 'e'] },
      { code: 'merged', intentIds: ['f'] },
    ];
    expect([...mergedIntentIds(trace).keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
