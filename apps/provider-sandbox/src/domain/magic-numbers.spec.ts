import { callStepsFor, messageStepsFor, optOutKeyword, restOutcomeFor } from './magic-numbers';

describe('magic recipients', () => {
  it.each([
    ['+33612345678', ['sent', 'delivered'], null],
    ['+33612340001', ['sent', 'undelivered'], 30003],
    ['+33612340002', ['failed'], 30006],
    ['+33612340003', ['sent', 'undelivered'], 30005],
    ['+33612340004', ['sent'], null],
  ])('SMS to %s goes through %j', (to, statuses, finalError) => {
    const steps = messageStepsFor(to);
    expect(steps.map((s) => s.status)).toEqual(statuses);
    expect(steps.at(-1)?.errorCode).toBe(finalError);
  });

  it.each([
    ['+33612345678', ['initiated', 'ringing', 'in-progress', 'completed'], 'human'],
    ['+33612340001', ['initiated', 'ringing', 'no-answer'], null],
    ['+33612340002', ['initiated', 'busy'], null],
    ['+33612340003', ['initiated', 'failed'], null],
    ['+33612340004', ['initiated', 'ringing', 'in-progress', 'completed'], 'machine_start'],
  ])('call to %s reports %j', (to, statuses, answeredBy) => {
    const steps = callStepsFor(to);
    expect(steps.map((s) => s.callbackStatus)).toEqual(statuses);
    expect(steps.at(-1)?.event).toBe('completed');
    expect(steps.at(-1)?.answeredBy).toBe(answeredBy);
  });

  it.each([
    ['+33612340500', 'internal-error'],
    ['+33612340429', 'rate-limited'],
    ['+33612345000', 'accept'],
  ])('REST answer for %s: %s', (to, outcome) => {
    expect(restOutcomeFor(to)).toBe(outcome);
  });

  it.each([
    ['STOP', 'opt-out'],
    [' stop ', 'opt-out'],
    ['Arrêt', 'opt-out'],
    ['START', 'opt-in'],
    ['STOP merci', null],
    ['Bonjour', null],
  ])('keyword %j -> %s', (body, expected) => {
    expect(optOutKeyword(body)).toBe(expected);
  });
});
