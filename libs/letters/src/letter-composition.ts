import { formatDate, formatPhone, LOCALE_INFO, LOCALES, type Locale, type TemplateLibrary } from '@unisson/templates';
import { readComposedLetter, type Run } from './domain/composer-letter';
import { LETTER_LABEL_KEYS, typstLetter, type LetterLabels, type LetterSigner, type TypstLetter } from './domain/letter-document';
import { pictogramOfEmoji, pictogramSvg } from './engine/pictograms';
import { qrPng } from './engine/qr-code';

/** What a print needs of one letter message (kept in the print stage: nothing else is looked up). */
export interface LetterToPrint {
  trackingCode: string;
  /** The household's response page; null on a letter to someone else (its landlord): no QR code, no link. */
  responseUrl: string | null;
  locale: string;
  /** The template library's composed letter (messaging's `bodyHtml`). */
  bodyHtml: string;
  addressLines: string[];
  signers: LetterSigner[];
  phone: string | null;
  /** The day the letter is printed (ISO date, Paris time). */
  printedOn: string;
}

export function letterLocale(locale: string): Locale {
  return (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'fr';
}

/** The layout's words in a language, from the template library (`letter` namespace); French for a missing one. */
export function letterLabels(library: TemplateLibrary, locale: Locale): LetterLabels {
  const own = library.sources.resources.get(locale)?.get('letter') ?? {};
  const french = library.sources.resources.get('fr')?.get('letter') ?? {};
  const labels = {} as LetterLabels;
  for (const key of LETTER_LABEL_KEYS) {
    const value = own[key] ?? french[key];
    if (value === undefined) throw new Error(`locales/fr/letter.json has no "${key}": add it (the letter layout prints it)`);
    labels[key] = value;
  }
  return labels;
}

/** Groups of digits split by spaces ("0 805 16 00 75"): a right-to-left paragraph would read them backwards. */
const SPACED_DIGITS = /(\+?\d+(?:[ \u00a0]\d+)+)/;

/** In a right-to-left letter, keeps every spaced number whole and left-to-right, even in the library's own words. */
export function keepNumbersLeftToRight(lines: Run[][]): Run[][] {
  return lines.map((line) =>
    line.flatMap((run) => {
      if (run.ltr || !SPACED_DIGITS.test(run.t)) return [run];
      return run.t
        .split(SPACED_DIGITS)
        .filter((part) => part.length > 0)
        .map((part) => (SPACED_DIGITS.test(part) && /^\+?\d/.test(part) ? { ...run, t: part, ltr: true } : { ...run, t: part }));
    }),
  );
}

function pictogramFor(emoji: string): string | null {
  const id = pictogramOfEmoji(emoji);
  return id ? pictogramSvg(id) : null;
}

/** One letter as the layout takes it: the composer's words, the partners, the address, the link. */
export function layoutLetter(library: TemplateLibrary, letter: LetterToPrint): TypstLetter {
  const locale = letterLocale(letter.locale);
  const common = library.sources.resources.get(locale)?.get('common') ?? {};
  const direction = LOCALE_INFO[locale].direction;
  const composed = readComposedLetter(letter.bodyHtml, common.heading_todo ?? '');
  if (direction === 'rtl') for (const section of composed.sections) section.lines = keepNumbersLeftToRight(section.lines);
  return typstLetter({
    trackingCode: letter.trackingCode,
    direction,
    lang: locale === 'fr-falc' ? 'fr' : locale,
    easyRead: locale === 'fr-falc',
    signers: letter.signers,
    phone: letter.phone ? formatPhone(letter.phone) : null,
    addressLines: letter.addressLines,
    date: formatDate(letter.printedOn, locale),
    composed,
    responseUrl: letter.responseUrl,
    qrPng: letter.responseUrl ? [...qrPng(letter.responseUrl)] : [],
    labels: letterLabels(library, locale),
    pictogramSvg: pictogramFor,
  });
}
