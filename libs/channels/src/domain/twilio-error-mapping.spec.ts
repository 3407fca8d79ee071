import { redactPhoneNumbers, twilioFailureToChannelError, TwilioFailure } from './twilio-error-mapping';

describe('twilioFailureToChannelError', () => {
  it.each<[string, TwilioFailure, string, boolean]>([
    ['missing To', { kind: 'rest', status: 400, code: 21604, message: "A 'To' phone number is required." }, '21604', false],
    ['invalid To', { kind: 'rest', status: 400, code: 21211, message: "Invalid 'To' Phone Number" }, '21211', false],
    ['unsubscribed recipient', { kind: 'rest', status: 400, code: 21610, message: 'unsubscribed' }, '21610', false],
    ['bad credentials', { kind: 'rest', status: 401, code: 20003, message: 'Authenticate' }, '20003', false],
    ['rate limited', { kind: 'rest', status: 429, code: 20429, message: 'Too Many Requests' }, '20429', true],
    ['provider outage', { kind: 'rest', status: 503, code: undefined, message: '' }, 'HTTP_503', true],
    ['internal error', { kind: 'rest', status: 500, code: 20500, message: 'Internal Server Error' }, '20500', true],
    ['network down', { kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'NETWORK', true],
    [
      'SDK refused the call',
      { kind: 'client-validation', message: 'Required parameter "params[\'to\']" missing.' },
      'INVALID_REQUEST',
      false,
    ],
    ['anything else', { kind: 'unknown', message: 'boom' }, 'UNKNOWN', true],
  ])('%s', (_label, failure, code, retryable) => {
    const error = twilioFailureToChannelError(failure);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.channel).toBe('sms');
  });

  it.each<[string, TwilioFailure, boolean]>([
    ['a 429 was refused before anything was created', { kind: 'rest', status: 429, code: 20429, message: '' }, false],
    ['a 500 may come after the message was created', { kind: 'rest', status: 500, code: 20500, message: '' }, true],
    ['a refused connection never reached Twilio', { kind: 'network', code: 'ECONNREFUSED', message: '' }, false],
    ['a timeout may have reached Twilio', { kind: 'network', code: 'ECONNABORTED', message: 'timeout of 2000ms exceeded' }, true],
    ['a reset connection may have reached Twilio', { kind: 'network', code: 'ECONNRESET', message: '' }, true],
  ])('%s', (_label, failure, maybeAccepted) => {
    expect(twilioFailureToChannelError(failure).maybeAccepted).toBe(maybeAccepted);
  });

  it('keeps phone numbers quoted by Twilio out of the error message', () => {
    const error = twilioFailureToChannelError({
      kind: 'rest',
      status: 400,
      code: 21211,
      message: "The 'To' number +33612345678 is not a valid phone number.",
    });
    expect(error.message).not.toContain('612345678');
    expect(error.message).toContain('not a valid phone number');
  });
});

describe('redactPhoneNumbers', () => {
  it.each([
    ['+33 6 12 34 56 78', '[numéro masqué]'],
    ['appel au 06.12.34.56.78 refusé', 'appel au [numéro masqué] refusé'],
    ['code 21211', 'code 21211'],
  ])('%s', (input, expected) => {
    expect(redactPhoneNumbers(input)).toBe(expected);
  });
});
