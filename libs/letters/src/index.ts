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
export { LetterOutcomes } from './letter-outcomes';
export { LetterChannelSender } from './letter-channel-sender';
export { LetterSendingModule, LettersJobsModule } from './letters.module';
export { LettersHttpModule } from './http/letters-http.module';
export { LetterBatches, type BatchRun } from './letter-batches.service';
export { ReturnedLetters, type ReturnResult } from './returned-letters.service';
export { LetterProvider, type ProducedBatch, type SubmittedBatch } from './providers/letter-provider';
export { LocalLetterProvider } from './providers/local-letter-provider';
export { OnlineLetterProvider } from './providers/online-letter-provider';
export { PrintStageRepository } from './print-stage.repository';
export { printDayFor } from './domain/print-day';
export { postageClassFor, POSTAGE_CLASSES, POSTAGE_LABELS, type PostageClass } from './domain/postage';
export { manifestCsv } from './domain/manifest';
export { lettersEntities, lettersMigrations } from './schema';
export { LetterLinks, NOTICE_LINK_PURPOSE, type LetterLink, type LetterLinkRequest } from './letter-links';
