/**
 * npm run bench:render
 * Personalised renders per second on one core, for SMS and email, next to the naive ways:
 *  - SMS: compiled texts (TemplateLibrary.renderSync) vs plain i18next t() per message;
 *  - email: MJML compiled once per version x locale x variant vs MJML compiled for every message.
 * Targets (issue 5): ≥ 20,000 SMS/s and ≥ 2,000 emails/s per core. Progress on stderr, JSON last.
 */
import mjml2html from 'mjml';
import { LOCALES, TEMPLATE_KEYS, TemplateLibrary, type Locale, type TemplateKey, type Variables } from '@unisson/templates';
import { composeMessage } from '../../libs/templates/src/domain/composition';
import { fill, compileDocument } from '../../libs/templates/src/domain/compiled-text';
import { escapeHtml, formatVariable } from '../../libs/templates/src/domain/formatting';
import { buildEmailMjml } from '../../libs/templates/src/library/html-documents';
import { I18nextReference } from '../../libs/templates/src/library/i18next-reference';
import { machineContext } from './machine-context';

const lib = TemplateLibrary.load();
const reference = new I18nextReference(lib.sources);
const pairs: Array<[TemplateKey, Locale]> = TEMPLATE_KEYS.flatMap((k) => LOCALES.map((l) => [k, l] as [TemplateKey, Locale]));
const NAMES = ['Awa Diallo', 'Jean Martin', 'Fatima Benali', 'Ion Popescu', 'Ayşe Yılmaz', 'Maria Silva'];

/** Sample variables made different for every message (name and amount), as a campaign would be. */
function variablesFor(key: TemplateKey, i: number): Variables {
  const sample = lib.definition(key).sample;
  const v: Variables = { ...sample, fullName: NAMES[i % NAMES.length] };
  if (typeof sample.debtAmount === 'number') v.debtAmount = 500 + (i % 5000) + 0.5;
  return v;
}

/** Reads a character in the middle: flattens V8's rope strings, as writing the message to a socket would. */
function touch(s: string): number {
  return s.length + s.charCodeAt(s.length >> 1);
}

function progress(label: string): void {
  process.stderr.write(`${label}\n`);
}

function timeLoop(seconds: number, body: (i: number) => number): { count: number; perSecond: number; checksum: number } {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  while (true) {
    for (let j = 0; j < 200; j++) checksum += body(count++);
    if (process.hrtime.bigint() >= deadline) break;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { count, perSecond: Math.round(count / elapsed), checksum };
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  progress(`bench:render — ${pairs.length} template x locale pairs, ${seconds} s per measure`);

  // Warm up every SMS path (compiles texts once per version x variant).
  for (let i = 0; i < pairs.length * 4; i++) {
    const [key, locale] = pairs[i % pairs.length];
    lib.renderSync({ templateKey: key, channel: 'sms', locale, variables: variablesFor(key, i) });
    reference.t(key, 'sms_short', locale, variablesFor(key, i));
  }

  progress('SMS: compiled renderer…');
  const sms = timeLoop(seconds, (i) => {
    const [key, locale] = pairs[i % pairs.length];
    return touch(lib.renderSync({ templateKey: key, channel: 'sms', locale, variables: variablesFor(key, i) }).text);
  });
  progress(`  ${sms.perSecond.toLocaleString('fr-FR')} SMS/s`);

  progress('SMS baseline: i18next t() per message…');
  const smsBaseline = timeLoop(seconds, (i) => {
    const [key, locale] = pairs[i % pairs.length];
    return touch(reference.t(key, 'sms_short', locale, variablesFor(key, i)));
  });
  progress(`  ${smsBaseline.perSecond.toLocaleString('fr-FR')} SMS/s`);

  progress(`Email: compiling MJML once for ${pairs.length} versions…`);
  const compileStart = process.hrtime.bigint();
  for (const [key, locale] of pairs) await lib.prepare(key, locale);
  const compileOnceMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  progress(`  ${Math.round(compileOnceMs)} ms in total (${Math.round(compileOnceMs / pairs.length)} ms per version)`);

  progress('Email: compiled-once renderer…');
  const email = timeLoop(seconds, (i) => {
    const [key, locale] = pairs[i % pairs.length];
    const m = lib.renderSync({ templateKey: key, channel: 'email', locale, variables: variablesFor(key, i) });
    return touch(m.html!) + touch(m.text);
  });
  progress(`  ${email.perSecond.toLocaleString('fr-FR')} emails/s`);

  progress('Email baseline: MJML compiled for every message…');
  const baselineCount = Number(process.env.BENCH_MJML_MESSAGES ?? 60);
  const baselineStart = process.hrtime.bigint();
  for (let i = 0; i < baselineCount; i++) {
    const [key, locale] = pairs[i % pairs.length];
    const tv = lib.version(key, locale);
    const src = composeMessage(tv.definition, tv.resources, tv.common, { tone: 'reassuring', length: 'short', pictograms: true }, 'email');
    const mjmlSource = buildEmailMjml(lib.sources.layouts['email.mjml'], src, locale);
    const values: Record<string, string> = {};
    const vars = variablesFor(key, i);
    for (const [name, type] of tv.variableTypes) values[name] = escapeHtml(formatVariable(name, type, vars[name], locale));
    for (const p of tv.phrases) values[p.name] = String(vars[p.countVar]);
    const filled = fill(compileDocument(mjmlSource), values);
    const out = await mjml2html(filled, { validationLevel: 'soft' });
    if (!out.html) throw new Error('MJML a échoué');
    if (i % 10 === 9) progress(`  ${i + 1}/${baselineCount}`);
  }
  const baselineSeconds = Number(process.hrtime.bigint() - baselineStart) / 1e9;
  const emailBaseline = Math.round(baselineCount / baselineSeconds);
  progress(`  ${emailBaseline.toLocaleString('fr-FR')} emails/s`);

  const targets = { smsPerSecond: 20000, emailsPerSecond: 2000 };
  const result = {
    bench: 'render',
    perCore: true,
    seconds,
    sms: {
      perSecond: sms.perSecond,
      rendered: sms.count,
      baselineI18nextPerSecond: smsBaseline.perSecond,
      speedup: round(sms.perSecond / smsBaseline.perSecond),
    },
    email: {
      perSecond: email.perSecond,
      rendered: email.count,
      baselineMjmlEveryMessagePerSecond: emailBaseline,
      baselineMessages: baselineCount,
      speedup: round(email.perSecond / emailBaseline),
      compileOnceMsPerVersion: round(compileOnceMs / pairs.length),
    },
    targets,
    targetsMet: sms.perSecond >= targets.smsPerSecond && email.perSecond >= targets.emailsPerSecond,
    machine: machineContext(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:render — erreur : ${(e as Error).message}\n`);
  process.exitCode = 1;
});
