import fc from 'fast-check';
import { asciiHtml } from '@unisson/templates';
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

  it('finds them as well in an e-mail written in ASCII, no-break spaces as references (the template library writes e-mails so)', () => {
    const written = ['01\u00a048\u00a095\u00a000\u00a000', '0\u202f805\u202f16\u202f00\u202f75', '+33\u00a01\u00a048 95 00 01'];
    const html = `<p>${written.join(' ou ')} &#xe9;0148950002</p>`;
    const ascii = asciiHtml(html);
    expect(ascii).toMatch(/^[\t\n\r\x20-\x7e]*$/);
    const linked = linkPhoneNumbers(ascii);
    expect([...linked.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1])).toEqual([
      '+33148950000',
      '+33805160075',
      '+33148950001',
      '+33148950002',
    ]);
    // The same links as the HTML before it was written in ASCII.
    expect(linked).toBe(asciiHtml(linkPhoneNumbers(html)));
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

/** The walk as it was written first (one regular expression over the whole document): the reference. */
function referenceWalk(html: string, track: (url: string) => string): string {
  const skipped = new Set(['a', 'head', 'style', 'script', 'title']);
  const phone = /(?<![\w+])(?:\+33[\s\u00a0.]?(?:\(0\)[\s\u00a0]?)?|0[\s\u00a0.]?)[1-9](?:[\s\u00a0.]?\d){8}(?![\d])/g;
  const e164 = (w: string) => {
    const d = w.replace(/\(0\)/, '').replace(/[^\d+]/g, '');
    if (/^\+33[1-9]\d{8}$/.test(d)) return d;
    return /^0[1-9]\d{8}$/.test(d) ? `+33${d.slice(1)}` : null;
  };
  let skipping: string | null = null;
  let depth = 0;
  return html.replace(/<!--[\s\S]*?-->|<\/?([a-zA-Z][\w-]*)\b[^>]*>|[^<]+/g, (token, name: string | undefined) => {
    if (name) {
      const tag = name.toLowerCase();
      const closing = token.startsWith('</');
      if (skipping === null && !closing && skipped.has(tag) && !token.endsWith('/>')) {
        skipping = tag;
        depth = 1;
      } else if (skipping === tag) {
        depth += closing ? -1 : 1;
        if (depth === 0) skipping = null;
      }
      if (!/^<a\b/i.test(token)) return token;
      return token.replace(/\bhref\s*=\s*("([^"]*)"|'([^']*)')/i, (whole, _q, dq: string | undefined, sq: string | undefined) => {
        const url = (dq ?? sq ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>');
        return /^https?:\/\//i.test(url) ? `href="${track(url).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"` : whole;
      });
    }
    if (token.startsWith('<!--') || skipping !== null) return token;
    if (!/\d/.test(token)) return token;
    return token.replace(phone, (w) => {
      const n = e164(w);
      return n ? `<a href="tel:${n}">${w}</a>` : w;
    });
  });
}

describe('the walk through the HTML', () => {
  const fragment = fc.constantFrom(
    '<p>',
    '</p>',
    '<a href="https://www.anil.org/x?a=1&amp;b=2">',
    "<A HREF='http://caf.fr'>",
    '<a href="tel:+33100000000">',
    '</a>',
    '</A>',
    '<head>',
    '</head>',
    '<title>',
    '</title>',
    '<style>',
    '</style>',
    '<script>',
    '</script>',
    '<br/>',
    '<a/>',
    '<img src="x.png">',
    '<!-- 01 48 95 00 00 -->',
    '<!--[if mso | IE]><table><tr><td><![endif]-->',
    '<!-- pas fini',
    '<',
    ' < ',
    '>',
    '<1',
    '<!doctype html>',
    // Names as the tag expression reads them: a trailing `-` is not part of it, `_` and digits are.
    '<a-b href="http://x.fr">',
    '<a- href="http://y.fr">',
    '<ab href="http://z.fr">',
    '<a_b>',
    '<HEAD >',
    '<Style/>',
    '<title-x>',
    '<style- >',
    '<h1>',
    '<a title="<a" href="https://q.fr">',
    '</a >',
    '<a\nhref="https://n.fr">',
    "<a\thref='http://t.fr'>",
    'Appelez le 01 48 95 00 00',
    ' +33 1 48 95 00 01 ',
    '0 805 16 00 75.',
    '01.48.95.00.02',
    '0148950003',
    '12345678901',
    'texte',
    '\n',
    ' ',
    'é 3 €',
  );
  it('gives, on any document, exactly what the reference walk gives', () => {
    const track = (url: string) => `https://api.example/l?u=${encodeURIComponent(url)}&t="x"`;
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        expect(linkPhonesAndTrackLinks(html, track)).toBe(referenceWalk(html, track));
      }),
      { numRuns: 3_000 },
    );
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
