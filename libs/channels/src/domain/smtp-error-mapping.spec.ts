import { smtpFailureToChannelError } from './smtp-error-mapping';

describe('smtpFailureToChannelError', () => {
  it.each([
    ['greylisting is temporary', { responseCode: 451, message: 'try later' }, '451', true],
    ['unknown mailbox is permanent', { responseCode: 550, message: 'no such user' }, '550', false],
    ['relay unreachable', { code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'NETWORK', true],
    ['timeout', { code: 'ETIMEDOUT', message: 'timeout' }, 'NETWORK', true],
    ['malformed recipient', { code: 'EENVELOPE', message: 'No recipients defined' }, 'INVALID_REQUEST', false],
    ['wrong credentials', { code: 'EAUTH', message: 'Invalid login' }, 'AUTH', false],
    ['anything else', { message: 'boom' }, 'UNKNOWN', true],
  ])('%s', (_label, failure, code, retryable) => {
    const error = smtpFailureToChannelError(failure);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.channel).toBe('email');
  });
});
