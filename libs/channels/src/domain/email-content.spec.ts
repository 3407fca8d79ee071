import {
  frenchPhoneToE164,
  isAllowedDestination,
  linkPhoneNumbers,
  linkPhonesAndTrackLinks,
  messageIdOfVerp,
  trackLinks,
  unsubscribeHeaders,
  verpAddress,
} from './email-content';

describe('tel: links', () => {
  it('turns the phone numbers of the visible text into tel: links, whatever their spacing', () => {
    const html = '<p>Appelez le <strong>01 48 95 00 00</strong>, le 0 805 16 00 75 ou le +33 1 48 95 00 01.</p>';
    expect(linkPhoneNumbers(html)).toBe(
      '<p>Appelez le <strong><a href="tel:+33148950000">01 48 95 00 00</a></strong>, le <a href="tel:+33805160075">0 805 16 00 75</a> ou le <a href="tel:+33148950001">+33 1 48 95 00 01</a>.</p>',
    );
  });

  it('leaves amounts, references, existing links, the title and styles alone', () => {
    const html =
      '<html><head><title>01 48 95 00 00</title><style>.a{}</style></head><body><a href="tel:+33148950000">01 48 95 00 00</a> 1 024,80 € réf. 12345678901 02/12/2026</body></html>';
    expect(linkPhoneNumbers(html)).toBe(html);
  });

  it('reads French numbers as E.164', () => {
    expect(frenchPhoneToE164('01.48.95.00.00')).toBe('+33148950000');
    expect(frenchPhoneToE164('+33 (0)1 48 95 00 00')).toBe('+33148950000');
    expect(frenchPhoneToE164('12 34')).toBeNull();
  });
});

describe('tracked links', () => {
  it('sends every http(s) link through the tracker, not tel: nor mailto: ones', () => {
    const html =
      '<a class="b" href="https://www.anil.org/aides?a=1&amp;b=2">ANIL</a> <a href="tel:+33148950000">t</a> <a href=\'mailto:x@y.fr\'>m</a>';
    const seen: string[] = [];
    const out = trackLinks(html, (url) => {
      seen.push(url);
      return `https://api.example/l/${seen.length}?z=1&q=2`;
    });
    expect(seen).toEqual(['https://www.anil.org/aides?a=1&b=2']);
    expect(out).toBe(
      '<a class="b" href="https://api.example/l/1?z=1&amp;q=2">ANIL</a> <a href="tel:+33148950000">t</a> <a href=\'mailto:x@y.fr\'>m</a>',
    );
  });

  it('leads only to allowed hosts (or their subdomains): no open redirect', () => {
    const allowed = ['www.service-public.fr', 'anil.org'];
    expect(isAllowedDestination('https://www.service-public.fr/particuliers/vosdroits/F1234', allowed)).toBe(true);
    expect(isAllowedDestination('https://www.anil.org/', allowed)).toBe(true);
    expect(isAllowedDestination('https://anil.org.evil.example/', allowed)).toBe(false);
    expect(isAllowedDestination('https://evil.example/www.service-public.fr', allowed)).toBe(false);
    expect(isAllowedDestination('https://www.service-public.fr@evil.example/', allowed)).toBe(false);
    expect(isAllowedDestination('https://user:pw@www.service-public.fr/', allowed)).toBe(false);
    expect(isAllowedDestination('javascript:alert(1)', allowed)).toBe(false);
    expect(isAllowedDestination('//evil.example', allowed)).toBe(false);
  });
});

describe('phone links and tracked links in one walk', () => {
  it('gives what the two walks give, and leaves the tel: links it adds untracked', () => {
    const html =
      '<html><head><title>01 48 95 00 00</title></head><body><p>Appelez le 01 48 95 00 00 ou voyez <a href="https://www.anil.org/x">ANIL (01 48 95 00 01)</a>.</p></body></html>';
    const track = (url: string) => `https://api.example/l?u=${encodeURIComponent(url)}`;
    const once = linkPhonesAndTrackLinks(html, track);
    expect(once).toBe(trackLinks(linkPhoneNumbers(html), track));
    expect(once).toContain('<a href="tel:+33148950000">01 48 95 00 00</a>');
    expect(once).toContain('href="https://api.example/l?u=https%3A%2F%2Fwww.anil.org%2Fx">ANIL (01 48 95 00 01)</a>');
  });
});

describe('headers and return path', () => {
  it('offers RFC 8058 one-click unsubscribe', () => {
    expect(unsubscribeHeaders('https://api.example/v1/email/unsubscribe/t')).toEqual({
      'List-Unsubscribe': '<https://api.example/v1/email/unsubscribe/t>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('carries the message id in a VERP return path, read back only for our own address', () => {
    const id = '0b6f0a52-1c1e-4f43-9a53-2f4a54c2b001';
    const verp = verpAddress('rebonds@unisson.example', id);
    expect(verp).toBe(`rebonds+${id}@unisson.example`);
    expect(messageIdOfVerp(`<${verp.toUpperCase()}>`, 'rebonds@unisson.example')).toBe(id);
    expect(messageIdOfVerp(`autre+${id}@unisson.example`, 'rebonds@unisson.example')).toBeNull();
    expect(messageIdOfVerp(`rebonds+${id}@ailleurs.example`, 'rebonds@unisson.example')).toBeNull();
  });
});
