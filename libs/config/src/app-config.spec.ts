import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/unisson');
    expect(config.twilio.baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('talks to the real Twilio when TWILIO_BASE_URL is empty', () => {
    expect(loadConfig({ TWILIO_BASE_URL: '' }).twilio.baseUrl).toBeNull();
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
    const keys = { UNISSON_MASTER_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', UNISSON_BLIND_INDEX_KEY: 'b'.repeat(32) };
    const config = loadConfig({ NODE_ENV: 'production', ...keys });
    expect(config.encryption).toEqual({
      masterKeys: keys.UNISSON_MASTER_KEYS,
      blindIndexKey: keys.UNISSON_BLIND_INDEX_KEY,
      developmentKeys: false,
    });
  });
});
