/**
 * npm run bench:letters
 * Personalised letters per second (French, FALC, Arabic): the composed letter read, laid out and
 * printed to PDF with its own address, amount, tracking code and QR code, one letter at a time;
 * then a merged daily batch of 10,000 letters (BENCH_BATCH to change). Beside them, in the same
 * run, the engine's bare rendering of a constant page: what Typst costs without Unisson's layout.
 * Target (issue 9): at least 200 letters/s on this machine. Progress on stderr, JSON last.
 */
import { LOCALE_INFO, TemplateLibrary, type Locale } from '@unisson/templates';
import { layoutLetter, TypstPdfEngine, type TypstLetter } from '@unisson/letters';
import { machineContext } from './machine-context';

const TEMPLATE = 'first_arrears_information' as const;
const NAMES = ['Awa Diallo', 'Jean-Pierre Martin', 'Fatima Benali', 'Ion Popescu', 'Ayşe Yılmaz', 'Maria Silva'];
const library = TemplateLibrary.load();
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function letterMaker(locale: Locale): Promise<(i: number) => TypstLetter> {
  const sample = library.definition(TEMPLATE).sample;
  const bodies = await Promise.all(
    NAMES.map((name, i) =>
      library.render({
        templateKey: TEMPLATE,
        channel: 'letter',
        locale,
        variables: { ...sample, fullName: name, debtAmount: 480 + i * 97.5 },
      }),
    ),
  );
  return (i) =>
    layoutLetter(library, {
      trackingCode: `${String(1000 + (i % 9000))}-${String(i % 10000).padStart(4, '0')}-X`.slice(0, 11),
      responseUrl: `https://unisson.example.fr/r/${(i * 2654435761).toString(36)}`,
      locale,
      bodyHtml: bodies[i % bodies.length].html!,
      addressLines: [NAMES[i % NAMES.length], `APPT ${i % 300}`, `${i % 200} RUE DE LA REPUBLIQUE`, '93200 SAINT-DENIS'],
      signers: [{ name: 'Seine-Saint-Denis Habitat' }, { name: 'CAF de la Seine-Saint-Denis' }],
      phone: '+33148950000',
      printedOn: '2026-12-02',
    });
}

function perSecond(count: number, startNs: bigint): number {
  return Math.round((count / (Number(process.hrtime.bigint() - startNs) / 1e9)) * 10) / 10;
}

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_LETTERS ?? 200);
  const batchSize = Number(process.env.BENCH_BATCH ?? 10_000);
  const started = process.hrtime.bigint();
  const engine = TypstPdfEngine.instance();
  progress(
    `bench:letters — fonts loaded in ${Math.round(Number(process.hrtime.bigint() - started) / 1e6)} ms; ${count} letters per language`,
  );

  engine.renderConstantPage();
  let t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) engine.renderConstantPage();
  const constantPerSecond = perSecond(count, t);
  progress(`constant page (engine alone): ${constantPerSecond}/s`);

  const letters: Record<string, { perSecond: number; pages: number; bytes: number }> = {};
  for (const locale of ['fr', 'fr-falc', 'ar'] as Locale[]) {
    const make = await letterMaker(locale);
    engine.renderLetter(make(0));
    let pages = 0;
    let bytes = 0;
    t = process.hrtime.bigint();
    for (let i = 1; i <= count; i++) {
      const printed = engine.renderLetter(make(i));
      pages += printed.pages;
      bytes += printed.pdf.length;
    }
    letters[locale] = { perSecond: perSecond(count, t), pages: Math.round((pages / count) * 10) / 10, bytes: Math.round(bytes / count) };
    progress(
      `${locale} (${LOCALE_INFO[locale].direction}): ${letters[locale].perSecond} letters/s, ${letters[locale].pages} pages, ${letters[locale].bytes} bytes each`,
    );
  }

  const make = await letterMaker('fr');
  progress(`merged daily batch of ${batchSize} letters…`);
  t = process.hrtime.bigint();
  const batchLetters = Array.from({ length: batchSize }, (_, i) => make(i));
  const batch = await engine.renderBatch(batchLetters, 'Lot du 2 décembre 2026');
  const batchPerSecond = perSecond(batchSize, t);
  progress(`batch: ${batchPerSecond} letters/s, ${batch.pages} pages, ${Math.round(batch.pdf.length / 2 ** 20)} MiB`);

  const slowest = Math.min(...Object.values(letters).map((l) => l.perSecond));
  const result = {
    bench: 'letters',
    engine: 'typst (@myriaddreamin/typst-ts-node-compiler)',
    target: { lettersPerSecond: 200 },
    constantPagePerSecond: constantPerSecond,
    letters,
    batch: {
      letters: batchSize,
      pages: batch.pages,
      megabytes: Math.round((batch.pdf.length / 2 ** 20) * 10) / 10,
      lettersPerSecond: batchPerSecond,
    },
    slowestLettersPerSecond: slowest,
    meetsTarget: slowest >= 200 && batchPerSecond >= 200,
    machine: machineContext(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
