/**
 * npm run bench:letters
 * Personalised letters per second (French, FALC, Arabic): each letter with its own address,
 * amount, tracking code and QR code, laid out and printed to PDF. Three ways, same letters:
 * one at a time (a sample, a preview), and as the print stage prints them, in chunks of one Typst
 * compilation, on this thread and then on the batch workers (worker processes, one per core).
 * Staged: a letter entering the print stage as the dispatch worker stages it (LetterChannelSender):
 * laid out alone in a worker process, address checked against the window, pages counted, with as
 * many letters in flight as the dispatch worker runs jobs; and, for comparison, on this thread.
 * Then a merged daily batch of 10,000 letters of the three languages (BENCH_BATCH to change).
 * Beside them, in the same run, the engine's bare rendering of a constant page: what Typst costs
 * without Unisson's layout, the baseline of the ratios (the machine is shared).
 * Target (issue 9): at least 200 letters/s on this machine. Progress on stderr, JSON last.
 */
import { LOCALE_INFO, TemplateLibrary, type Locale } from '@unisson/templates';
import { layoutLetter, TypstPdfEngine, type TypstLetter } from '@unisson/letters';
import { availableParallelism } from 'node:os';
import { machineContext } from './machine-context';

const TEMPLATE = 'first_arrears_information' as const;
const NAMES = ['Awa Diallo', 'Jean-Pierre Martin', 'Fatima Benali', 'Ion Popescu', 'Ayşe Yılmaz', 'Maria Silva'];
const library = TemplateLibrary.load();
const progress = (line: string) => process.stderr.write(`${line}\n`);
/** Letters a dispatch worker stages side by side: its default concurrency (DISPATCH_CONCURRENCY). */
const STAGING_IN_FLIGHT = 16;

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

const round = (n: number) => Math.round(n * 10) / 10;
/** CPU time so far of this process and of the engine's worker processes, in ms: steadier than rates on a shared machine. */
const cpuMs = (engine: TypstPdfEngine) => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000 + engine.workersCpuMs();
};
const perLetter = (ms: number, count: number) => Math.round((ms / count) * 100) / 100;

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_LETTERS ?? 400);
  const batchSize = Number(process.env.BENCH_BATCH ?? 10_000);
  const workers = Math.min(availableParallelism(), 4);
  const started = process.hrtime.bigint();
  const engine = new TypstPdfEngine({ batchWorkers: workers });
  const oneThread = new TypstPdfEngine({ batchWorkers: 1 });
  progress(
    `bench:letters — fonts loaded in ${Math.round(Number(process.hrtime.bigint() - started) / 1e6)} ms; ${count} letters per language, ${workers} batch workers`,
  );

  engine.renderConstantPage();
  let t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) engine.renderConstantPage();
  const constantPerSecond = perSecond(count, t);
  progress(`constant page (engine alone): ${constantPerSecond}/s`);
  // Starts the workers (fonts loaded in each) before anything is timed.
  const warm = await letterMaker('fr');
  await engine.renderBatch(
    Array.from({ length: 4 * workers * 20 }, (_, i) => warm(i)),
    'warm-up',
  );

  const letters: Record<
    string,
    {
      perSecond: number;
      cpuMsPerLetter: number;
      oneThreadPerSecond: number;
      stagedPerSecond: number;
      stagedOneThreadPerSecond: number;
      stagedCpuMsPerLetter: number;
      constantPagesPerStagedLetter: number;
      oneAtATimePerSecond: number;
      pages: number;
      bytes: number;
      constantPagesPerLetter: number;
    }
  > = {};
  for (const locale of ['fr', 'fr-falc', 'ar'] as Locale[]) {
    const make = await letterMaker(locale);
    // Warm, as a worker is after its first letters of the day: this thread by the letters it
    // prints one at a time before its own staging is timed, the workers by as many letters staged.
    engine.renderLetter(make(0));
    let warming = 0;
    await Promise.all(
      Array.from({ length: STAGING_IN_FLIGHT }, async () => {
        for (let i = warming++; i < count; i = warming++) await engine.countPagesOnWorker(make(5 * count + i));
      }),
    );
    let pages = 0;
    let bytes = 0;
    t = process.hrtime.bigint();
    for (let i = 1; i <= count; i++) {
      const printed = engine.renderLetter(make(i));
      pages += printed.pages;
      bytes += printed.pdf.length;
    }
    const oneAtATime = perSecond(count, t);
    // Staged on this thread, one after the other (how letters were staged before decision 0027).
    t = process.hrtime.bigint();
    for (let i = 1; i <= count; i++) engine.countPages(make(4 * count + i));
    const stagedOneThread = perSecond(count, t);
    // Printed as the daily batch prints them: chunks of one compilation, addresses already checked.
    t = process.hrtime.bigint();
    await oneThread.renderBatch(
      Array.from({ length: count }, (_, i) => make(2 * count + i)),
      'bench',
      { checked: true },
    );
    const inChunks = perSecond(count, t);
    let cpu = cpuMs(engine);
    t = process.hrtime.bigint();
    await engine.renderBatch(
      Array.from({ length: count }, (_, i) => make(3 * count + i)),
      'bench',
      { checked: true },
    );
    const onWorkers = perSecond(count, t);
    const used = cpuMs(engine) - cpu;
    // Entering the print stage as the sender does it: laid out alone in a worker process, address
    // checked against the window, pages counted, STAGING_IN_FLIGHT letters in flight.
    cpu = cpuMs(engine);
    t = process.hrtime.bigint();
    let next = 1;
    await Promise.all(
      Array.from({ length: STAGING_IN_FLIGHT }, async () => {
        for (let i = next++; i <= count; i = next++) await engine.countPagesOnWorker(make(count + i));
      }),
    );
    const staged = perSecond(count, t);
    const stagedCpu = perLetter(cpuMs(engine) - cpu, count);
    letters[locale] = {
      perSecond: onWorkers,
      cpuMsPerLetter: perLetter(used, count),
      oneThreadPerSecond: inChunks,
      stagedPerSecond: staged,
      stagedOneThreadPerSecond: stagedOneThread,
      stagedCpuMsPerLetter: stagedCpu,
      constantPagesPerStagedLetter: round(constantPerSecond / staged),
      oneAtATimePerSecond: oneAtATime,
      pages: round(pages / count),
      bytes: Math.round(bytes / count),
      constantPagesPerLetter: round(constantPerSecond / onWorkers),
    };
    progress(
      `${locale} (${LOCALE_INFO[locale].direction}): ${onWorkers} letters/s printed on ${workers} workers (${letters[locale].cpuMsPerLetter} ms CPU each; ${inChunks}/s on one thread), ${staged}/s staged on the workers (${stagedCpu} ms CPU each; ${stagedOneThread}/s on one thread), ${oneAtATime}/s one at a time; ${letters[locale].pages} pages, ${letters[locale].bytes} bytes each`,
    );
  }

  const makers = await Promise.all((['fr', 'fr-falc', 'ar'] as Locale[]).map((l) => letterMaker(l)));
  progress(`merged daily batch of ${batchSize} letters (French, FALC, Arabic)…`);
  t = process.hrtime.bigint();
  const batchLetters = Array.from({ length: batchSize }, (_, i) => makers[i % 3](i));
  let shown = 0;
  const batch = await engine.renderBatch(batchLetters, 'Lot du 2 décembre 2026', {
    checked: true,
    onProgress: (n) => {
      if (n - shown >= batchSize / 10 || n === batchSize) progress(`  ${(shown = n)} / ${batchSize} letters laid out…`);
    },
  });
  const batchPerSecond = perSecond(batchSize, t);
  progress(`batch: ${batchPerSecond} letters/s, ${batch.pages} pages, ${Math.round(batch.pdf.length / 2 ** 20)} MiB`);
  await engine.close();

  const slowest = Math.min(...Object.values(letters).map((l) => l.perSecond));
  const slowestStaged = Math.min(...Object.values(letters).map((l) => l.stagedPerSecond));
  const result = {
    bench: 'letters',
    engine: 'typst (@myriaddreamin/typst-ts-node-compiler)',
    target: { lettersPerSecond: 200 },
    constantPagePerSecond: constantPerSecond,
    batchWorkers: workers,
    letters,
    batch: {
      letters: batchSize,
      pages: batch.pages,
      megabytes: round(batch.pdf.length / 2 ** 20),
      lettersPerSecond: batchPerSecond,
      constantPagesPerLetter: round(constantPerSecond / batchPerSecond),
    },
    slowestLettersPerSecond: slowest,
    slowestStagedPerSecond: slowestStaged,
    meetsTarget: slowest >= 200 && batchPerSecond >= 200 && slowestStaged >= 200,
    machine: machineContext(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
