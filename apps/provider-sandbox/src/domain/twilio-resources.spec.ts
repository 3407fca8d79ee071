import { newSid, rfc2822 } from './twilio-resources';
import { extractTwimlMessages } from '../twilio/twilio-emulator';

describe('Twilio formats', () => {
  it('writes dates in RFC 2822 with a +0000 offset, like Twilio', () => {
    expect(rfc2822(new Date('2023-08-24T05:01:45Z'))).toBe('Thu, 24 Aug 2023 05:01:45 +0000');
    expect(rfc2822(null)).toBeNull();
  });

  it('writes each date of its own second, whatever came just before', () => {
    // Milliseconds apart within a second, then across seconds, then back: the formatted second is reused only when it is the same.
    const instants = ['2023-08-24T05:01:45.001Z', '2023-08-24T05:01:45.999Z', '2023-08-24T05:01:46.000Z', '2023-08-24T05:01:45.500Z'];
    expect(instants.map((at) => rfc2822(new Date(at)))).toEqual([
      'Thu, 24 Aug 2023 05:01:45 +0000',
      'Thu, 24 Aug 2023 05:01:45 +0000',
      'Thu, 24 Aug 2023 05:01:46 +0000',
      'Thu, 24 Aug 2023 05:01:45 +0000',
    ]);
    // Before 1970, the second is negative: -0.5 s is still 1969's last second.
    expect(rfc2822(new Date(-500))).toBe('Wed, 31 Dec 1969 23:59:59 +0000');
    expect(rfc2822(new Date(500))).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
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
