import { ConfigurationError, loadConfig } from './app-config';

/** Real-looking values of the secrets a production start requires (none is a repository default). */
const productionSecrets = {
  APP_SECRET: 'a'.repeat(40),
  MAIL_WEBHOOK_SECRET: 'm'.repeat(32),
  LETTER_WEBHOOK_SECRET: 'l'.repeat(32),
  TWILIO_AUTH_TOKEN: 't'.repeat(32),
  DASHBOARD_PASSWORD: 'p'.repeat(24),
};
const productionKeys = { UNISSON_MASTER_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', UNISSON_BLIND_INDEX_KEY: 'b'.repeat(32) };

function startError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('starts on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/unisson');
    expect(config.twilio.baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('talks to the real Twilio when TWILIO_BASE_URL is empty', () => {
    expect(loadConfig({ TWILIO_BASE_URL: '' }).twilio.baseUrl).toBeNull();
  });

  it('points the providers at the sandbox’s host and ports when their addresses are not set: one variable moves one port', () => {
    const config = loadConfig({
      SANDBOX_HOST: '10.0.0.7',
      SANDBOX_TWILIO_PORT: '5010',
      SANDBOX_SMTP_PORT: '2525',
      SANDBOX_LETTERS_PORT: '5012',
    });
    expect({
      twilio: config.twilio.baseUrl,
      mailLog: config.mail.log?.url,
      smtp: config.mail.smtpUrl,
      letters: config.letters.service.url,
    }).toEqual({
      twilio: 'http://10.0.0.7:5010',
      mailLog: 'http://10.0.0.7:5010',
      smtp: 'smtp://10.0.0.7:2525',
      letters: 'http://10.0.0.7:5012',
    });
  });

  it('keeps a provider address that is set, even empty, whatever the sandbox ports', () => {
    const config = loadConfig({ SANDBOX_TWILIO_PORT: '5010', TWILIO_BASE_URL: '', SMTP_URL: 'smtps://relay.example:465' });
    expect({ twilio: config.twilio.baseUrl, mailLog: config.mail.log?.url, smtp: config.mail.smtpUrl }).toEqual({
      twilio: null,
      mailLog: 'http://127.0.0.1:5010',
      smtp: 'smtps://relay.example:465',
    });
  });

  it('names every malformed setting in one error', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', API_PORT: 'abc', TWILIO_ACCOUNT_SID: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('API_PORT');
    expect(message).toContain('TWILIO_ACCOUNT_SID');
  });

  it('refuses a production start on the embedded development keys, naming the settings', () => {
    expect(loadConfig({}).encryption.developmentKeys).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/UNISSON_MASTER_KEYS: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', UNISSON_MASTER_KEYS: 'k1:x' })).toThrow(/UNISSON_BLIND_INDEX_KEY: required/);
    const keys = productionKeys;
    const config = loadConfig({ NODE_ENV: 'production', ...keys, ...productionSecrets });
    expect(config.encryption).toEqual({
      masterKeys: keys.UNISSON_MASTER_KEYS,
      blindIndexKey: keys.UNISSON_BLIND_INDEX_KEY,
      developmentKeys: false,
    });
  });

  it('refuses a production start on the public development secrets, naming each one to set', () => {
    const message = startError({ NODE_ENV: 'production', ...productionKeys });
    for (const name of Object.keys(productionSecrets)) expect(message).toMatch(new RegExp(`- ${name}: required in production`));
    // Set explicitly to the repository's value counts as unset.
    const demoPassword = startError({
      NODE_ENV: 'production',
      ...productionKeys,
      ...productionSecrets,
      DASHBOARD_PASSWORD: 'unisson-demo',
    });
    expect(demoPassword).toContain('DASHBOARD_PASSWORD');
    expect(demoPassword).not.toContain('APP_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', ...productionKeys, ...productionSecrets }).security.appSecret).toBe('a'.repeat(40));
  });

  it('keeps the development defaults outside production (demo, tests)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).security.dashboardPassword).toBe('unisson-demo');
    expect(loadConfig({}).security.appSecret).toBe('unisson-local-development-secret');
  });

  it('trusts no proxy unless TRUST_PROXY names them, and never every address', () => {
    expect(loadConfig({}).api.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).api.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,fd00::/8' }).api.trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      'fd00::/8',
    ]);
    for (const wrong of ['true', '*', '0.0.0.0/33', '10.0.0', 'proxy.local']) {
      expect(startError({ TRUST_PROXY: wrong })).toContain('TRUST_PROXY: must be empty (no proxy)');
    }
  });
});
