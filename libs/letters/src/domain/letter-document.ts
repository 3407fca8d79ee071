import type { ComposedLetter, Run } from './composer-letter';
import type { PageGeometry } from './page-geometry';

/** The letter layout's own words (`locales/<locale>/letter.json` in the template library). */
export interface LetterLabels {
  coSigned: string;
  oneNumber: string;
  keyFacts: string;
  responseHeading: string;
  responseText: string;
  codeLabel: string;
  /** With `{code}`, `{page}` and `{pages}`. */
  footer: string;
  /** With `{date}`. */
  dateLine: string;
}

export const LETTER_LABEL_KEYS: ReadonlyArray<keyof LetterLabels> = [
  'coSigned',
  'oneNumber',
  'keyFacts',
  'responseHeading',
  'responseText',
  'codeLabel',
  'footer',
  'dateLine',
];

export interface LetterSigner {
  name: string;
  /** The partner's logo as SVG, when it gave one. */
  logoSvg?: string | null;
}

/** Everything one printed letter shows: plain data, nothing to look up. */
export interface LetterInput {
  /** The tracking code as printed (`XXXX-XXXX-C`). */
  trackingCode: string;
  direction: 'ltr' | 'rtl';
  /** Typst's language tag: `fr` for FALC. */
  lang: string;
  easyRead: boolean;
  /** Lead partner first, then the co-signers. */
  signers: LetterSigner[];
  /** The one number to call, formatted. */
  phone: string | null;
  /** The checked address block (NF Z 10-011). */
  addressLines: string[];
  /** The date as the letter's language writes it. */
  date: string;
  composed: ComposedLetter;
  /** The response page's short link and its QR code (PNG bytes); null: none printed (a letter to the household's landlord). */
  responseUrl: string | null;
  qrPng: number[];
  labels: LetterLabels;
  /** SVG of a pictogram of the template library's catalogue, by its emoji; null when unknown. */
  pictogramSvg: (emoji: string) => string | null;
}

/** The JSON one letter is to the Typst layout (engine/letter.typ). */
export interface TypstLetter {
  code: string;
  dir: 'ltr' | 'rtl';
  lang: string;
  easyRead: boolean;
  senders: Array<{ name: string; logo: string | null }>;
  phone: string | null;
  labels: { coSigned: string; oneNumber: string };
  address: string[];
  placeDate: string;
  title: string;
  keyFacts: { label: string; items: Run[] };
  sections: Array<{ heading: string | null; picto: string | null; todo: boolean; lines: Run[][] }>;
  response: { heading: string; text: string; url: string; codeLabel: string; code: string; qr: number[] } | null;
  footer: string;
}

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** At most three key facts fit on one line of the "remember" box. */
const MAX_KEY_FACTS = 3;

export function typstLetter(input: LetterInput): TypstLetter {
  const { composed, labels } = input;
  return {
    code: input.trackingCode,
    dir: input.direction,
    lang: input.lang,
    easyRead: input.easyRead,
    senders: input.signers.map((s) => ({ name: s.name, logo: s.logoSvg ?? null })),
    phone: input.phone,
    labels: { coSigned: labels.coSigned, oneNumber: labels.oneNumber },
    address: input.addressLines,
    placeDate: fill(labels.dateLine, { date: input.date }),
    title: composed.title,
    keyFacts: { label: labels.keyFacts, items: composed.keyFacts.slice(0, MAX_KEY_FACTS) },
    sections: composed.sections.map((s) => ({
      heading: s.heading,
      picto: s.pictogram ? input.pictogramSvg(s.pictogram) : null,
      todo: s.todo,
      lines: s.lines,
    })),
    response: input.responseUrl
      ? {
          heading: labels.responseHeading,
          text: labels.responseText,
          url: input.responseUrl,
          codeLabel: labels.codeLabel,
          code: input.trackingCode,
          qr: input.qrPng,
        }
      : null,
    footer: fill(labels.footer, { code: input.trackingCode }),
  };
}

/**
 * The whole input of one Typst compilation: one letter, or a print batch of many. The layout
 * checks that each address fits the envelope's window unless `checkAddress` is false (letters
 * of a print batch, each checked when it entered the print stage).
 */
export function typstInput(geometry: PageGeometry, title: string, letters: TypstLetter[], checkAddress = true): string {
  return JSON.stringify({ geometry, title, checkAddress, letters });
}
