import { canTransition, isFinal, statusFromTwilio, statusesAllowingTransitionTo } from './message-status';

describe('message state machine', () => {
  it('never goes back from a final status', () => {
    expect(canTransition('delivered', 'sent')).toBe(false);
    expect(canTransition('failed', 'queued')).toBe(false);
    expect(isFinal('delivered')).toBe(true);
  });

  it('only sends from queued, and a crashed send can be re-queued', () => {
    expect(statusesAllowingTransitionTo('sending')).toEqual(['queued']);
    expect(canTransition('sending', 'queued')).toBe(true);
  });

  it('accepts a delivery report only for a message that was sent', () => {
    expect(statusesAllowingTransitionTo('delivered')).toEqual(['sent']);
  });

  it.each([
    ['delivered', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['sent', 'sent'],
    ['queued', null],
    ['sending', null],
  ])('maps Twilio status %p to %p', (twilio, ours) => {
    expect(statusFromTwilio(twilio)).toBe(ours);
  });
});
