import { readComposedLetter } from './composer-letter';

const HTML = `<!doctype html><html lang="ar" dir="rtl"><head><title>x</title></head><body>
<div class="sender"><bdi>Seine-Saint-Denis Habitat</bdi></div>
<h1>إيجار غير مدفوع</h1>
<p>مرحبًا <bdi>Awa Diallo</bdi>،</p>
<h2><span class="picto" aria-hidden="true">💶</span> ماذا يحدث؟</h2>
<p>دينًا بقيمة <strong><bdi dir="ltr">1,234.56 €</bdi></strong>.<br />سطر ثانٍ &amp; ثالث</p>
<h2><span class="picto" aria-hidden="true">📞</span> ماذا عليك أن تفعل؟</h2>
<p>اتصل بنا على الرقم <strong><bdi dir="ltr">01 48 95 00 00</bdi></strong>.</p>
<p><bdi>Seine-Saint-Denis Habitat</bdi></p>
</body></html>`;

describe('reading the composed letter', () => {
  const letter = readComposedLetter(HTML, 'ماذا عليك أن تفعل؟');

  it('keeps the title, the sections with their pictogram, and the lines of each paragraph', () => {
    expect(letter.title).toBe('إيجار غير مدفوع');
    expect(letter.sections.map((s) => [s.heading, s.pictogram, s.todo])).toEqual([
      [null, null, false],
      ['ماذا يحدث؟', '💶', false],
      ['ماذا عليك أن تفعل؟', '📞', true],
    ]);
    expect(letter.sections[1].lines).toHaveLength(2);
    expect(letter.sections[1].lines[1]).toEqual([{ t: 'سطر ثانٍ & ثالث' }]);
  });

  it('keeps amounts and numbers whole and left-to-right, and lists the bold facts once', () => {
    expect(letter.sections[1].lines[0]).toContainEqual({ t: '1,234.56 €', b: true, ltr: true });
    expect(letter.keyFacts.map((f) => f.t)).toEqual(['1,234.56 €', '01 48 95 00 00']);
  });

  it('leaves out the library sign-off: the letter signs with every co-signer', () => {
    expect(letter.sender).toBe('Seine-Saint-Denis Habitat');
    expect(letter.sections.flatMap((s) => s.lines.flat().map((r) => r.t))).not.toContain('Seine-Saint-Denis Habitat');
  });
  it('puts each item of a list inside a paragraph on its own line, with a bullet', () => {
    const aids = readComposedLetter(
      '<body><h2>Les aides possibles</h2><p>Des aides :<br /><ul><li>le <strong>FSL</strong> ;</li><li>la garantie Visale.</li></ul><br />Nous aidons.</p></body>',
      'Ce que nous vous proposons',
    );
    expect(aids.sections[0].lines.map((line) => line.map((r) => r.t).join(''))).toEqual([
      'Des aides :',
      '• le FSL ;',
      '• la garantie Visale.',
      'Nous aidons.',
    ]);
  });
});
