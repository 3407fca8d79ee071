import { newSid, rfc2822 } from './twilio-resources';
import { extractTwimlMessages } from '../twilio/twilio-emulator';

describe('Twilio formats', () => {
  it('writes dates in RFC 2822 with a +0000 offset, like Twilio', () => {
    expect(rfc2822(new Date('2023-08-24T05:01:45Z'))).toBe('Thu, 24 Aug 2023 05:01:45 +0000');
    expect(rfc2822(null)).toBeNull();
  });

  it('makes sids of a prefix and 32 hexadecimal characters, never twice the same', () => {
    // 1,000: several draws of the entropy pool (256 SIDs each).
    const sids = new Set(Array.from({ length: 1_000 }, () => newSid('SM')));
    expect(sids.size).toBe(1_000);
    for (const sid of sids) expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
  });
});

describe('extractTwimlMessages', () => {
  it.each([
    ['<Response></Response>', []],
    ['<Response><Message>Bien reçu</Message></Response>', ['Bien reçu']],
    ['<Response><Message to="+33612345678"><Body>A &amp; B</Body></Message><Message>C</Message></Response>', ['A & B', 'C']],
    ['not xml at all', []],
  ])('%s', (twiml, expected) => {
    expect(extractTwimlMessages(twiml)).toEqual(expected);
  });
});
