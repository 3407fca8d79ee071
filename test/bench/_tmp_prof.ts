import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync } from 'node:fs';
import { TemplateLibrary } from '@unisson/templates';
import { layoutLetter, A4_LETTER } from '@unisson/letters';
import { loadLetterFonts } from '../../libs/letters/src/engine/fonts';
void (async () => {
  const lib = TemplateLibrary.load();
  const def = lib.definition('first_arrears_information');
  const r = await lib.render({ templateKey: 'first_arrears_information', channel: 'letter', locale: 'fr', variables: def.sample });
  const mk = (i: number) => layoutLetter(lib, { trackingCode: `K7QM-${String(i).padStart(4, '0')}-4`, responseUrl: `https://u.fr/r/${i}`, locale: 'fr', bodyHtml: r.html!, addressLines: ['Awa Diallo ' + i, '12 RUE', '93200 SAINT-DENIS'], signers: [{ name: 'A' }], phone: null, printedOn: '2026-12-02' });
  const dir = require('path').resolve(__dirname, '../../libs/letters/src/engine');
  const c = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontBlobs: loadLetterFonts() }] });
  const base = readFileSync(dir + '/letter.typ', 'utf8');
  const cases: Array<[string, (l: any) => void, string]> = [
    ['full', () => {}, base],
    ['nosections', (l) => { l.sections = []; }, base],
    ['noqr', (l) => { l.response.qr = []; }, base.replace('image(bytes(l.response.qr), format: "png", width: mm(g.qrSize), scaling: "pixelated")', 'none')],
    ['nopicto', (l) => { for (const s of l.sections) s.picto = null; }, base],
    ['onefont', () => {}, base.replace('#set text(font: ("Unisson Latin", "Unisson Latin Ext", "Unisson Arabic"), fallback: false', '#set text(font: "Unisson Latin", fallback: false')],
    ['nomeasure', () => {}, base.replace('if size.height > mm(g.addressWindow.height) { panic("address-overflow") }', '').replace('let size = measure(box(width: mm(g.addressWindow.width), content))', '')],
  ];
  {
    const path = dir + '/_shadow.typ';
    c.addSource(path, base.replace('#let data = json(bytes(sys.inputs.data))', '#let data = json("/_data.json")'));
    const data = (i: number) => Buffer.from(JSON.stringify({ geometry: A4_LETTER, title: 'x', letters: [mk(i)] }));
    c.mapShadow(dir + '/_data.json', data(0));
    const d0 = c.compile({ mainFilePath: path }); if (!d0.result) d0.printErrors();
    let tc = 0, tp = 0;
    for (let i = 0; i < 30; i++) {
      c.mapShadow(dir + '/_data.json', data(i + 1));
      const t0 = Date.now(); const d = c.compile({ mainFilePath: path }); const t1 = Date.now();
      if (!d.result) { d.printErrors(); break; }
      c.pdf(d.result, { pdfTags: false }); tp += Date.now() - t1; tc += t1 - t0;
    }
    console.log('shadow', 'compile', (tc / 30).toFixed(1), 'pdf', (tp / 30).toFixed(1));
  }
  for (const [name, tweak, src] of cases.slice(0, 2)) {
    const path = dir + `/_${name}.typ`;
    c.addSource(path, src);
    const data = (i: number) => { const l = mk(i); tweak(l); return JSON.stringify({ geometry: A4_LETTER, title: 'x', letters: [l] }); };
    c.compile({ mainFilePath: path, inputs: { data: data(0) } });
    let tc = 0, tp = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = Date.now(); const d = c.compile({ mainFilePath: path, inputs: { data: data(i + 1) } }); const t1 = Date.now();
      if (!d.result) { d.printErrors(); break; }
      c.pdf(d.result, { pdfTags: false }); tp += Date.now() - t1; tc += t1 - t0;
    }
    console.log(name, 'compile', (tc / 30).toFixed(1), 'pdf', (tp / 30).toFixed(1));
  }
})();
