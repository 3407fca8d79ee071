import { smtpFailureToChannelError } from './smtp-error-mapping';

describe('smtpFailureToChannelError', () => {
  it.each([
    ['greylisting is temporary', { responseCode: 451, message: 'try later' }, '451', true],
    ['unknown mailbox is permanent', { responseCode: 550, message: 'no such user', command: 'RCPT TO' }, '550', false],
    ['content refused after the dot is permanent', { responseCode: 554, message: 'rejected', command: 'DATA' }, '554', false],
    ['a relay refusing service at the greeting is an outage', { responseCode: 554, message: 'no service', command: 'CONN' }, '554', true],
    [
      'a relay refusing MAIL FROM for its own reasons is an outage',
      { responseCode: 552, message: 'busy', command: 'MAIL FROM' },
      '552',
      true,
    ],
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
