import fc from 'fast-check';
import {
  asciiHtml,
  escapeHtml,
  forSms,
  formatDate,
  formatMoney,
  formatPhone,
  formatTime,
  formatVariable,
  isolateForHtml,
  isolateForText,
} from './formatting';

describe('formatting per locale', () => {
  it('writes French amounts as "1 234,56 €" with a narrow no-break space and a no-break space', () => {
    expect(formatMoney(1234.56, 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(1234.56, 'fr-falc')).toBe('1\u202f234,56\u00a0€');
  });
  it('drops the cents of whole amounts', () => {
    expect(formatMoney(120, 'fr')).toBe('120\u00a0€');
    expect(formatMoney(120, 'en')).toBe('€120');
  });
  it('uses Latin digits in Arabic and no stray right-to-left mark', () => {
    const s = formatMoney(1234.5, 'ar');
    expect(s).toMatch(/1.234.50/);
    expect(s).not.toContain('\u200f');
  });
  it('writes dates out with their weekday', () => {
    expect(formatDate('2027-01-11', 'fr')).toBe('lundi 11 janvier 2027');
    expect(formatDate('2027-03-01', 'fr')).toBe('lundi 1er mars 2027');
    expect(formatDate('2027-03-01', 'fr-falc')).toBe('lundi 1er mars 2027');
    expect(formatDate('2027-03-11', 'fr')).toBe('jeudi 11 mars 2027');
    expect(formatDate('2027-03-01', 'en')).toBe('Monday, 1 March 2027');
    expect(formatDate('2027-01-11', 'en')).toBe('Monday, 11 January 2027');
    expect(formatDate('2027-01-11', 'es')).toBe('lunes, 11 de enero de 2027');
    expect(formatDate('2027-01-11', 'tr')).toBe('11 Ocak 2027 Pazartesi');
  });
  it('names the months in Arabic as the Maghreb does, with Latin digits', () => {
    expect(formatDate('2027-01-11', 'ar')).toBe('الاثنين، 11 جانفي 2027');
    expect(formatDate('2027-04-01', 'ar')).toContain('أفريل');
    expect(formatDate('2027-08-02', 'ar')).toContain('أوت');
    expect(formatDate('2027-02-01', 'ar')).not.toMatch(/فبراير|[\u0660-\u0669]/);
  });
  it('refuses a malformed date with a message saying the expected format', () => {
    expect(() => formatDate('11/01/2027', 'fr')).toThrow(/AAAA-MM-JJ/);
  });
  it('writes times the French way', () => {
    expect(formatTime('14:30', 'fr')).toBe('14 h 30');
    expect(formatTime('9:00', 'fr-falc')).toBe('9 h');
    expect(formatTime('9:05', 'en')).toBe('09:05');
  });
  it('writes French phone numbers in national format and keeps short numbers', () => {
    expect(formatPhone('+33148950000')).toBe('01 48 95 00 00');
    expect(formatPhone('115')).toBe('115');
  });
  it('isolates values in Arabic text only: numbers forced left to right, names in their own direction', () => {
    expect(isolateForText('phone', '01 48 95 00 00', 'ar')).toBe('\u206601 48 95 00 00\u2069');
    expect(isolateForText('money', '120 €', 'ar')).toBe('\u2066120 €\u2069');
    expect(isolateForText('text', 'Awa Diallo', 'ar')).toBe('\u2068Awa Diallo\u2069');
    expect(isolateForText('phone', '01 48 95 00 00', 'fr')).toBe('01 48 95 00 00');
    expect(isolateForHtml('phone', '01', 'ar')).toBe('<bdi dir="ltr">01</bdi>');
    expect(isolateForHtml('address', 'Bobigny', 'ar')).toBe('<bdi>Bobigny</bdi>');
    expect(isolateForHtml('address', 'Bobigny', 'en')).toBe('Bobigny');
  });
  it('replaces no-break spaces for SMS so GSM-7 stays possible', () => {
    expect(forSms(formatMoney(1234.56, 'fr'))).toBe('1 234,56 €');
    // a partner's typographic apostrophe must not turn the SMS into UCS-2
    expect(forSms('Office public de l’habitat « Plaine »')).toBe("Office public de l'habitat « Plaine »");
  });
  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });
  it('rejects a non-numeric amount', () => {
    expect(() => formatVariable('debtAmount', 'money', 'beaucoup', 'fr')).toThrow(/nombre/);
  });
});

describe('an e-mail’s HTML in ASCII', () => {
  /** What a mail client shows for a numeric character reference: its character. */
  const decodeHTML = (html: string) => html.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  const piece = fc.constantFrom(
    '<p>',
    '</p>',
    'Loyer impayé',
    '1\u202f200\u00a0€',
    '📞 01 48 95 00 00',
    'ملف الإيجار',
    '&amp;',
    '<title>Été</title>',
    '<style>.picto::before { content: "é"; }</style>',
    '<SCRIPT>var s = "ü";</script>',
    '<a title="Réponse">',
    '\n',
    'x',
  );
  it('reads, once a mail client decodes it, exactly as the HTML it came from; only style and script keep their characters', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join('');
        const ascii = asciiHtml(html);
        const outsideRawText = ascii.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
        expect(outsideRawText).toMatch(/^[\t\n\r\x20-\x7e]*$/);
        expect(decodeHTML(ascii)).toBe(decodeHTML(html));
        // A style sheet or a script is never changed: HTML does not decode references there.
        for (const raw of html.match(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi) ?? []) expect(ascii).toContain(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('writes a pictogram as one reference (its code point, not its two UTF-16 halves)', () => {
    expect(asciiHtml('<p>📞 Appelez</p>')).toBe('<p>&#x1f4de; Appelez</p>');
  });
});
