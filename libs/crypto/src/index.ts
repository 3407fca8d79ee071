export { BlindIndexer } from './domain/blind-index';
export { Envelope, SEALED_PREFIX, SealedValueError } from './domain/envelope';
export { MasterKey, MasterKeyError, parseMasterKeys } from './domain/master-keys';
export { installPersonalDataKeys, personalDataKeys, PersonalDataKeys, PersonalDataKeySettings } from './personal-data-keys';
export {
  openBytes,
  openDocument,
  openJson,
  openNullable,
  openValue,
  SealedColumn,
  sealDocument,
  sealedBytesColumn,
  sealedDocumentColumn,
  sealedJsonColumn,
  sealedText,
  sealedTextArray,
  sealJson,
  sealNullable,
  sealValue,
} from './sealed-column';
export { blindIndex, BlindIndexPurpose, blockKeyHash } from './blind-indexes';
export { ColumnRewrite, rewriteColumns, sealedForMigration } from './column-rewrite';
export { countStaleValues, rotateSealedColumns, RotationSummary } from './key-rotation';
