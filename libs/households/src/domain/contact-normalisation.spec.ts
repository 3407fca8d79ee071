import { canReceiveSms, toE164 } from './contact-normalisation';

describe('phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['01.48.12.34.56', '+33148123456'],
    ['0692 12 34 56', '+262692123456'],
    ['12', null],
    ['', null],
  ])('%p becomes %p', (raw, expected) => {
    expect(toE164(raw)).toBe(expected);
  });

  it('knows a landline cannot receive an SMS', () => {
    expect(canReceiveSms('+33612345678')).toBe(true);
    expect(canReceiveSms('+33148123456')).toBe(false);
  });
});
