import { messagesCreatePath, takesFastPath } from './messages-fast-path';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'fast-path-spec-token';
const options = { accountSid, authToken, bodyLimit: 1024 };
const path = messagesCreatePath(accountSid);
// The headers the Twilio SDK sends through NodeHttpRequestClient.
const sdk = {
  authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
  'content-type': 'application/x-www-form-urlencoded',
  'content-length': '120',
};

describe('takesFastPath', () => {
  it.each([
    ['the SDK creating a message', 'POST', path, sdk, true],
    ['a query string', 'POST', `${path}?a=b`, sdk, true],
    ['GET, a list', 'GET', path, sdk, false],
    ['a trailing slash (404)', 'POST', `${path}/`, sdk, false],
    ['a longer path', 'POST', `${path}x`, sdk, false],
    ['Calls.json', 'POST', path.replace('Messages', 'Calls'), sdk, false],
    ['another account (401)', 'POST', messagesCreatePath('AC00000000000000000000000000000000'), sdk, false],
    ['a wrong token (401)', 'POST', path, { ...sdk, authorization: `Basic ${Buffer.from(`${accountSid}:x`).toString('base64')}` }, false],
    ['no authorization (401)', 'POST', path, { ...sdk, authorization: undefined }, false],
    ['a charset in the content type', 'POST', path, { ...sdk, 'content-type': `${sdk['content-type']}; charset=utf-8` }, false],
    ['JSON', 'POST', path, { ...sdk, 'content-type': 'application/json' }, false],
    ['a chunked body', 'POST', path, { ...sdk, 'content-length': undefined, 'transfer-encoding': 'chunked' }, false],
    ['no body', 'POST', path, { ...sdk, 'content-length': '0' }, false],
    ['a body over the limit (413)', 'POST', path, { ...sdk, 'content-length': '1025' }, false],
    ['a body at the limit', 'POST', path, { ...sdk, 'content-length': '1024' }, true],
    ['an odd length', 'POST', path, { ...sdk, 'content-length': '012' }, false],
  ])('%s', (_label, method, url, headers, expected) => {
    expect(takesFastPath(method, url, headers, options, path)).toBe(expected);
  });

  it('leaves an AccountSid over find-my-way’s 100 characters to Fastify (404)', () => {
    const long = `AC${'0'.repeat(100)}`;
    const headers = { ...sdk, authorization: `Basic ${Buffer.from(`${long}:${authToken}`).toString('base64')}` };
    expect(takesFastPath('POST', messagesCreatePath(long), headers, { ...options, accountSid: long }, messagesCreatePath(long))).toBe(
      false,
    );
  });
});
