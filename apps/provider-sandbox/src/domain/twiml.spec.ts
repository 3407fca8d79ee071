import { matchesCallFilter, parseCallListFilter } from './create-requests';
import { parseTwiml, spokenTexts, TwimlSyntaxError } from './twiml';

describe('reading TwiML', () => {
  it('reads verbs, attributes, nested nouns and SSML, with entities decoded', () => {
    const response = parseTwiml(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1" action="https://a/k?x=1&amp;y=2"><Say language="fr-FR"><prosody rate="slow">Loyer &amp; dette</prosody></Say></Gather><Dial callerId="+33148000001"><Number statusCallbackEvent="initiated completed">+33611223344</Number></Dial><Hangup/></Response>',
    );
    expect(response.children.map((c) => c.name)).toEqual(['Gather', 'Dial', 'Hangup']);
    expect(response.children[0]!.attributes.action).toBe('https://a/k?x=1&y=2');
    expect(spokenTexts(response.children[0]!)).toEqual(['Loyer & dette']);
    expect(response.children[1]!.children[0]!.text).toBe('+33611223344');
  });

  it('refuses what Twilio would refuse (error 12100)', () => {
    expect(() => parseTwiml('<Response><Say>open')).toThrow(TwimlSyntaxError);
    expect(() => parseTwiml('<Say>no response</Say>')).toThrow(TwimlSyntaxError);
    expect(() => parseTwiml('<Response><Say></Gather></Response>')).toThrow(TwimlSyntaxError);
  });
});

describe('filtering calls like Twilio', () => {
  const call = {
    to: '+33611223344',
    from: '+33700000001',
    parentCallSid: null,
    status: 'completed',
    startTime: new Date('2026-12-01T10:00:00Z'),
    endTime: new Date('2026-12-01T10:01:00Z'),
  };

  it('filters on To, From, Status, ParentCallSid and start times; a queued call has no start time', () => {
    expect(matchesCallFilter(call, parseCallListFilter({ To: '+33611223344', From: '+33700000001' }))).toBe(true);
    expect(matchesCallFilter(call, parseCallListFilter({ To: '+33611223345' }))).toBe(false);
    expect(matchesCallFilter(call, parseCallListFilter({ Status: 'busy' }))).toBe(false);
    expect(matchesCallFilter(call, parseCallListFilter({ ParentCallSid: 'CA0' }))).toBe(false);
    expect(matchesCallFilter(call, parseCallListFilter({ 'StartTime>': '2026-12-01' }))).toBe(true);
    expect(matchesCallFilter(call, parseCallListFilter({ 'StartTime<': '2026-11-30' }))).toBe(false);
    expect(matchesCallFilter(call, parseCallListFilter({ StartTime: '2026-12-01' }))).toBe(true);
    expect(matchesCallFilter({ ...call, startTime: null }, parseCallListFilter({ 'StartTime>': '2026-01-01' }))).toBe(false);
    expect(matchesCallFilter({ ...call, endTime: null }, parseCallListFilter({ EndTime: '2026-12-01' }))).toBe(false);
  });
});
