import MailComposer from 'nodemailer/lib/mail-composer';
import { readMailHeaders } from './mail-headers';

describe('readMailHeaders (the SMTP catcher reads the header block only)', () => {
  it('decodes the subject and the address lists, and keeps the raw values', async () => {
    const raw = await new MailComposer({
      from: { name: "Département de l'Essonne", address: 'noreply@unisson.fr' },
      to: [{ name: 'Aïcha Benali', address: 'aicha@example.org' }, 'second@example.org'],
      subject: 'Loyer impayé : des solutions existent, et un très long objet qui sera plié sur plusieurs lignes',
      text: 'Bonjour',
      messageId: '<k1@unisson>',
      headers: { 'X-Unisson-Message': 'm-1', 'X-Repeated': ['a', 'b'] },
    })
      .compile()
      .build();
    const read = readMailHeaders(raw);
    expect(read.subject).toBe('Loyer impayé : des solutions existent, et un très long objet qui sera plié sur plusieurs lignes');
    expect(read.from).toBe('noreply@unisson.fr');
    expect(read.to).toEqual(['aicha@example.org', 'second@example.org']);
    expect(read.messageId).toBe('<k1@unisson>');
    expect(read.headers['x-unisson-message']).toBe('m-1');
    expect(read.headers['x-repeated']).toBe('a, b');
    expect(read.block).not.toContain('Bonjour');
    expect(read.block).toContain('X-Unisson-Message: m-1');
  });

  it('reads a message without a body, bare LF line ends, and a Message-ID without angle brackets', () => {
    const read = readMailHeaders(Buffer.from('Subject: hello\nMessage-ID: abc@x\nTo: a@b.fr'));
    expect(read).toMatchObject({ subject: 'hello', messageId: '<abc@x>', to: ['a@b.fr'], from: null });
  });
});
