import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import MimeNode from 'nodemailer/lib/mime-node';
import { buildMimeMessage, MessageHeaders, transferEncodingFor } from './mime-message';

const base = {
  from: { name: "Département de l'Essonne", address: 'ne-pas-repondre@unisson.fr' },
  to: 'awa.diallo@example.org',
  subject: 'Loyer impayé : des solutions existent',
  text: 'Bonjour,\nvotre loyer de 1 200 € est impayé.',
  html: '<p>Bonjour, <strong>1 200 €</strong></p>',
  messageId: '<outbound.42@unisson>',
};
const servers = [
  ['a server with 8BITMIME', { eightBitAccepted: true }],
  ['a server without 8BITMIME', { eightBitAccepted: false }],
] as const;

describe('buildMimeMessage (the e-mail as it goes over SMTP)', () => {
  it.each(servers)('is read back by a mail client with the same parts, sender, subject, Message-ID and headers (%s)', async (_, server) => {
    const message = buildMimeMessage(
      {
        ...base,
        replyTo: 'accompagnement@habitat.example',
        headers: { 'X-Unisson-Message': 'm-42', 'List-Unsubscribe': '<https://u.example/d?t=abc>' },
      },
      server,
    );
    expect(message.eightBit).toBe(server.eightBitAccepted);
    const parsed = await simpleParser(message.raw);
    expect(parsed.from?.value[0]).toEqual({ name: "Département de l'Essonne", address: 'ne-pas-repondre@unisson.fr' });
    expect(parsed.to).toMatchObject({ value: [{ address: 'awa.diallo@example.org' }] });
    expect(parsed.replyTo).toMatchObject({ value: [{ address: 'accompagnement@habitat.example' }] });
    expect(parsed.subject).toBe(base.subject);
    expect(parsed.messageId).toBe('<outbound.42@unisson>');
    expect(parsed.headers.get('x-unisson-message')).toBe('m-42');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://u.example/d?t=abc>');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text).toBe('Bonjour,\nvotre loyer de 1 200 € est impayé.');
    expect(parsed.html).toBe(base.html);
    expect(parsed.date).toBeInstanceOf(Date);
  });

  it('has no Reply-To when the partner gave none, CRLF line ends only, and never a base64 text part', () => {
    for (const [, server] of servers) {
      const raw = buildMimeMessage({ ...base, replyTo: null }, server).raw.toString('utf8');
      expect(raw).not.toMatch(/^Reply-To:/im);
      expect(raw).not.toMatch(/[^\r]\n/);
      // Spam filters count base64 text against the sender.
      expect(raw).not.toMatch(/Content-Transfer-Encoding: base64/i);
    }
  });

  it.each(servers)(
    'carries Arabic, lines over 998 octets, a line that is a single dot and trailing spaces unchanged (%s)',
    async (_, server) => {
      const longLine = `${'مرحبا بكم '.repeat(150)}fin`;
      const text = `سطر أول\n.\nfin de ligne avec espaces   \n${longLine}`;
      const html = `<p dir="rtl">سطر</p>\n.\n<p>ok</p>`;
      const message = buildMimeMessage({ ...base, text, html }, server);
      for (const line of message.raw.toString('utf8').split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
      const parsed = await simpleParser(message.raw);
      expect(parsed.text).toBe(text);
      expect(parsed.html).toBe(html);
    },
  );

  it('chooses 7bit for short ASCII lines, 8bit for UTF-8 when the server takes it, quoted-printable otherwise', () => {
    expect(transferEncodingFor('Hello\r\nworld', true)).toBe('7bit');
    expect(transferEncodingFor('Loyer impayé', true)).toBe('8bit');
    expect(transferEncodingFor('Loyer impayé', false)).toBe('quoted-printable');
    expect(transferEncodingFor('x'.repeat(999), true)).toBe('quoted-printable');
    expect(transferEncodingFor(`court\r\n${'x'.repeat(998)}\r\nfin`, true)).toBe('7bit');
    // Counted in octets: 499 é are 998 octets, 500 are 1,000.
    expect(transferEncodingFor(`Loyer\r\n${'é'.repeat(499)}`, true)).toBe('8bit');
    expect(transferEncodingFor(`Loyer\r\n${'é'.repeat(500)}\r\nfin`, true)).toBe('quoted-printable');
    expect(transferEncodingFor('a\u0000b', true)).toBe('quoted-printable');
    const ascii = buildMimeMessage({ ...base, text: 'Hello', html: '<p>Hello</p>' }, { eightBitAccepted: true });
    expect(ascii.raw.toString().match(/Content-Transfer-Encoding: 7bit/g)).toHaveLength(2);
    // Pure ASCII needs no BODY=8BITMIME.
    expect(ascii.eightBit).toBe(false);
  });

  it('writes the header block nodemailer writes, byte for byte, whatever the names and values (random header sets)', () => {
    // Names as callers spell them (nodemailer's own casing rules: MIME, DKIM, -ID, X-SMTPAPI…), and values to encode.
    const name = fc.constantFrom(
      'message-id',
      'MESSAGE-ID',
      'x-unisson-message',
      'List-Unsubscribe',
      'list-unsubscribe-post',
      'x-smtpapi',
      'mime-version',
      'content-features',
      'dkim-signature',
      'x-spf',
      'otp-token',
      'reply-to',
      'Subject',
      'x-bad: name',
      'x-\u0000nul',
    );
    const value = fc.constantFrom(
      'abc',
      'Loyer impayé : des solutions existent',
      '<https://api.example/u?t=1>',
      'awa@example.org',
      'ملف الإيجار',
      'x'.repeat(200),
      'List-Unsubscribe=One-Click',
    );
    const date = new Date('2027-03-01T09:30:00Z');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 10 }), (headers) => {
        const ours = new MessageHeaders('multipart/alternative');
        const theirs = new MimeNode('multipart/alternative', { baseBoundary: ours.baseBoundary });
        for (const node of [ours, theirs]) {
          // Always set by buildMimeMessage (unset, nodemailer draws one at random).
          node.setHeader('Message-ID', '<outbound.42@unisson>');
          for (const [key, text] of headers) node.setHeader(key, text);
          node.setHeader('From', { name: "Département de l'Essonne", address: 'ne-pas-repondre@unisson.fr' } as never);
          node.setHeader('Date', date.toUTCString());
        }
        expect(ours.buildHeaders()).toBe(theirs.buildHeaders());
      }),
      { numRuns: 500 },
    );
  });

  it('draws a new boundary for every message', () => {
    const boundaries = new Set(Array.from({ length: 2_000 }, () => new MessageHeaders('multipart/alternative').baseBoundary));
    expect(boundaries.size).toBe(2_000);
  });
});
