import { matchesMessageFilter, parseCreateCall, parseCreateMessage, parseMessageListFilter } from './create-requests';
import { TwilioApiError } from './twilio-errors';

const valid = { To: '+33612345678', From: '+33700000001', Body: 'Bonjour' };

describe('parseCreateMessage', () => {
  it.each([
    ['no To', { From: valid.From, Body: 'x' }, 21604],
    ['blank To', { ...valid, To: '  ' }, 21604],
    ['national number', { ...valid, To: '0612345678' }, 21211],
    ['no From nor MessagingServiceSid', { To: valid.To, Body: 'x' }, 21603],
    ['sender ID too long', { ...valid, From: 'UNISSON-FRANCE' }, 21212],
    ['bad messaging service', { To: valid.To, MessagingServiceSid: 'MG123', Body: 'x' }, 21701],
    ['no Body', { To: valid.To, From: valid.From }, 21602],
    ['1601 characters', { ...valid, Body: 'a'.repeat(1601) }, 21617],
    ['StatusCallback not http', { ...valid, StatusCallback: 'ftp://example.org/x' }, 21609],
  ])('rejects %s with %s', (_label, params, code) => {
    const result = parseCreateMessage(params);
    expect(result).toBeInstanceOf(TwilioApiError);
    expect((result as TwilioApiError).code).toBe(code);
  });

  it.each([
    ['E.164 sender', valid],
    ['alphanumeric sender', { ...valid, From: 'UNISSON' }],
    ['messaging service instead of From', { To: valid.To, Body: 'x', MessagingServiceSid: `MG${'a'.repeat(32)}` }],
    ['media without body', { To: valid.To, From: valid.From, MediaUrl: ['https://example.org/a.png'] }],
    ['exactly 1600 characters', { ...valid, Body: 'a'.repeat(1600) }],
  ])('accepts %s', (_label, params) => {
    expect(parseCreateMessage(params)).not.toBeInstanceOf(TwilioApiError);
  });
});

describe('parseCreateCall', () => {
  it('only reports completed when no StatusCallbackEvent is given, like Twilio', () => {
    const call = parseCreateCall({
      To: valid.To,
      From: valid.From,
      Url: 'https://example.org/voice',
    });
    expect(call).toMatchObject({ statusCallbackEvents: ['completed'] });
  });

  it('accepts repeated or space-separated StatusCallbackEvent', () => {
    expect(
      parseCreateCall({
        ...valid,
        Twiml: '<Response/>',
        StatusCallbackEvent: ['initiated', 'ringing answered'],
      }),
    ).toMatchObject({
      statusCallbackEvents: ['initiated', 'ringing', 'answered'],
    });
  });

  it.each([
    [{ From: valid.From, Url: 'https://example.org' }, 21201],
    [{ To: valid.To, Url: 'https://example.org' }, 21213],
    [{ To: valid.To, From: valid.From }, 21205],
    [{ To: valid.To, From: valid.From, Url: 'not a url' }, 21205],
  ])('rejects %j with %s', (params, code) => {
    expect((parseCreateCall(params) as TwilioApiError).code).toBe(code);
  });
});

describe('message list filters', () => {
  const message = {
    to: '+33612345678',
    from: '+33700000001',
    dateCreated: new Date('2026-03-10T09:00:00Z'),
    dateSent: new Date('2026-03-10T09:00:05Z'),
  };

  it.each([
    ['To matches', { To: '+33612345678' }, true],
    ['To differs', { To: '+33600000000' }, false],
    ['From differs', { From: '+33700000002' }, false],
    ['DateSent on that day', { DateSent: '2026-03-10' }, true],
    ['DateSent another day', { DateSent: '2026-03-11' }, false],
    ['DateSent> before', { 'DateSent>': '2026-03-10T09:00:00Z' }, true],
    ['DateSent> after', { 'DateSent>': '2026-03-10T09:00:06Z' }, false],
    ['DateSent< after', { 'DateSent<': '2026-03-10T10:00:00Z' }, true],
    ['DateSent< before', { 'DateSent<': '2026-03-10T08:00:00Z' }, false],
  ])('%s', (_label, query, expected) => {
    expect(matchesMessageFilter(message, parseMessageListFilter(query))).toBe(expected);
  });

  it('filters a queued message (no date_sent yet) on its creation date', () => {
    const queued = { ...message, dateSent: null };
    expect(matchesMessageFilter(queued, parseMessageListFilter({ 'DateSent>': '2026-03-10T08:59:00Z' }))).toBe(true);
  });

  it('clamps paging to Twilio limits', () => {
    expect(parseMessageListFilter({ PageSize: '5000', Page: '-3' })).toMatchObject({
      pageSize: 1000,
      page: 0,
    });
    expect(parseMessageListFilter({})).toMatchObject({ pageSize: 50, page: 0 });
  });
});
