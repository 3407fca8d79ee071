/** Letters: PDF layout of composed letters (Typst), the postal address check, print batches. */
export {
  addressBlock,
  parseRecipient,
  postalLine,
  describeAddressProblems,
  ADDRESS_MAX_CHARS,
  ADDRESS_MAX_LINES,
} from './domain/address-block';
export type { AddressBlockResult, AddressField, AddressProblem, PostalAddress } from './domain/address-block';
export { A4_LETTER, geometryProblems, printableZone, type PageGeometry, type Zone } from './domain/page-geometry';
export { readComposedLetter, type ComposedLetter, type LetterSection, type Run } from './domain/composer-letter';
export type { LetterLabels, LetterSigner, TypstLetter } from './domain/letter-document';
export { TypstPdfEngine, LetterLayoutError, type RenderedLetter } from './engine/typst-pdf-engine';
export { layoutLetter, letterLabels, letterLocale, type LetterToPrint } from './letter-composition';
