import { attribute, responseWindowDays } from './attribution';

const day = (d: number) => new Date(Date.UTC(2026, 10, 1 + d, 9));
const touch = (messageId: string, d: number, purpose = 'rappelImpaye') => ({ messageId, purpose, composedAt: day(d) });

describe('attribution', () => {
  it('last touch is the latest message within its purpose’s window, first touch the earliest', () => {
    const messages = [touch('sms', 0), touch('email', 2), touch('letter', 9), touch('late', 20)];
    expect(attribute({ kind: 'sms_replied', occurredAt: day(10), messageId: null }, messages)).toEqual({
      lastTouch: 'letter',
      firstTouch: 'sms',
    });
  });

  it('a message older than its window does not touch the response; a message after it never does', () => {
    const messages = [touch('old', 0), touch('after', 30)];
    expect(attribute({ kind: 'sms_replied', occurredAt: day(16), messageId: null }, messages)).toEqual({
      lastTouch: null,
      firstTouch: null,
    });
  });

  it('partners’ outcomes come later: they are counted within 90 days', () => {
    expect(responseWindowDays('rappelImpaye', 'dsf_done')).toBe(90);
    const messages = [touch('sms', 0)];
    expect(attribute({ kind: 'dsf_done', occurredAt: day(60), messageId: null }, messages).lastTouch).toBe('sms');
  });

  it('the message a response names is its last touch', () => {
    const messages = [touch('sms', 0), touch('email', 2)];
    expect(attribute({ kind: 'link_visited', occurredAt: day(3), messageId: 'sms' }, messages)).toEqual({
      lastTouch: 'sms',
      firstTouch: 'sms',
    });
  });
});
