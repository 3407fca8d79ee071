import { loggedUrl } from './logger';

describe('URLs in the logs', () => {
  it('never show a response-page token, whatever follows it, nor a query string', () => {
    expect(loggedUrl('/r/rTweu3ZnlI2ZadLna9kqw8nEASewL3aX')).toBe('/r/:token');
    expect(loggedUrl('/r/rTweu3ZnlI2ZadLna9kqw8nEASewL3aX/rappel?x=1')).toBe('/r/:token/rappel');
    expect(loggedUrl('/v1/email/unsubscribe?t=secret')).toBe('/v1/email/unsubscribe');
  });

  it('keep the paths that hold no credential as they are', () => {
    expect(loggedUrl('/v1/households/3f0c1d2e-0000-4000-8000-000000000000/plan')).toBe(
      '/v1/households/3f0c1d2e-0000-4000-8000-000000000000/plan',
    );
    expect(loggedUrl('/rapports/r/1')).toBe('/rapports/r/1');
  });
});
