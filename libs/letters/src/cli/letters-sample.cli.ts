import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  composeLandlordLetter,
  DEFAULT_VARIANT,
  isTemplateKey,
  loadLandlordLetters,
  LOCALES,
  TemplateLibrary,
  type LandlordLetter,
  type Locale,
  type Variant,
} from '@unisson/templates';
import { addressBlock } from '../domain/address-block';
import { TypstPdfEngine } from '../engine/typst-pdf-engine';
import { layoutLetter } from '../letter-composition';

const USAGE = 'npm run letters:sample -- --template KEY --locale LOCALE [--variant tone-length-pictos] --out FILE.pdf';

/** A personalised sample letter with the template's sample data: for authors, reviewers and printers. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      template: { type: 'string' },
      locale: { type: 'string', default: 'fr' },
      variant: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const fail = (message: string): never => {
    process.stderr.write(`${message}\nUsage: ${USAGE}\n`);
    process.exit(2);
  };
  const landlord = loadLandlordLetters().find((l) => l.key === values.template);
  if (landlord) {
    if (!values.out) fail('--out: the PDF file to write.');
    return printLandlordSample(landlord, values.out!);
  }
  if (!values.template || !isTemplateKey(values.template))
    fail(`--template: give a template key (${'templates/<key>'}, or a letter to the landlord of templates/landlord/).`);
  if (!(LOCALES as readonly string[]).includes(values.locale!)) fail(`--locale: one of ${LOCALES.join(', ')}.`);
  if (!values.out) fail('--out: the PDF file to write.');
  const library = TemplateLibrary.load();
  const templateKey = values.template as Parameters<TemplateLibrary['render']>[0]['templateKey'];
  const definition = library.definition(templateKey);
  const variant = parseVariant(values.variant, fail);
  const rendered = await library.render({
    templateKey,
    channel: 'letter',
    locale: values.locale as Locale,
    variant,
    variables: definition.sample,
  });
  const address = addressBlock({
    name: String(definition.sample.fullName ?? 'Awa Diallo'),
    addressExtra: 'Bâtiment B, escalier 2',
    street: '12, rue de la République',
    postalCode: '93200',
    city: 'Saint-Denis',
  });
  if (!address.ok) throw new Error(`sample address refused: ${JSON.stringify(address.problems)}`);
  const partnerName = String(definition.sample.partnerName ?? 'Unisson');
  const started = Date.now();
  const printed = TypstPdfEngine.instance().renderLetter(
    layoutLetter(library, {
      trackingCode: 'K7QM-2D9X-4',
      responseUrl: 'https://unisson.example.fr/r/exemple',
      locale: rendered.locale,
      bodyHtml: rendered.html ?? '',
      addressLines: address.lines,
      signers: [{ name: partnerName }, { name: 'CAF de la Seine-Saint-Denis' }, { name: 'Département de la Seine-Saint-Denis' }],
      phone: String(definition.sample.partnerPhone ?? '') || null,
      printedOn: new Date().toISOString().slice(0, 10),
    }),
  );
  writeFileSync(values.out!, printed.pdf);
  process.stdout.write(
    `${values.out}: ${printed.pages} page(s), ${printed.pdf.length} bytes, ${Date.now() - started} ms (fonts included)\n`,
  );
}

/** A letter to the private landlord (French only): the landlord's address, no response link nor QR code. */
function printLandlordSample(letter: LandlordLetter, out: string): void {
  const partnerName = String(letter.sample.partnerName ?? 'Unisson');
  const composed = composeLandlordLetter(letter, letter.sample, partnerName);
  const address = addressBlock({
    name: String(letter.sample.landlordName ?? 'M. Jean Lefèvre'),
    street: '8, avenue de la République',
    postalCode: '91300',
    city: 'Massy',
  });
  if (!address.ok) throw new Error(`sample address refused: ${JSON.stringify(address.problems)}`);
  const printed = TypstPdfEngine.instance().renderLetter(
    layoutLetter(TemplateLibrary.load(), {
      trackingCode: 'K7QM-2D9X-4',
      responseUrl: null,
      locale: composed.locale,
      bodyHtml: composed.html,
      addressLines: address.lines,
      signers: [{ name: partnerName }, { name: 'ADIL de l’Essonne' }],
      phone: String(letter.sample.partnerPhone ?? '') || null,
      printedOn: new Date().toISOString().slice(0, 10),
    }),
  );
  writeFileSync(out, printed.pdf);
  process.stdout.write(
    `${out}: ${printed.pages} page(s), ${printed.pdf.length} bytes (courrier au bailleur privé, sans lien de réponse)\n`,
  );
}

function parseVariant(text: string | undefined, fail: (m: string) => never): Variant {
  if (!text) return DEFAULT_VARIANT;
  const [tone, length, pictos] = text.split('-');
  if (!['reassuring', 'neutral', 'firm'].includes(tone) || !['short', 'detailed'].includes(length ?? 'short'))
    fail('--variant: tone-length[-pictos], e.g. firm-detailed-pictos or neutral-short.');
  return {
    ...DEFAULT_VARIANT,
    tone: tone as Variant['tone'],
    length: (length ?? 'short') as Variant['length'],
    pictograms: pictos === 'pictos',
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
