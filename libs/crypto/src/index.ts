export { BlindIndexer } from './domain/blind-index';
export { Envelope, SEALED_PREFIX, SealedValueError } from './domain/envelope';
export { MasterKey, MasterKeyError, parseMasterKeys } from './domain/master-keys';
export { installPersonalDataKeys, personalDataKeys, PersonalDataKeys, PersonalDataKeySettings } from './personal-data-keys';
export {
  openJson,
  openNullable,
  openValue,
  SealedColumn,
  sealedJsonColumn,
  sealedText,
  sealJson,
  sealNullable,
  sealValue,
} from './sealed-column';
export { blindIndex, BlindIndexPurpose, blockKeyHash } from './blind-indexes';
