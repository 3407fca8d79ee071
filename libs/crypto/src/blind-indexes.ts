import { personalDataKeys } from './personal-data-keys';

/** The purposes of blind indexes, one key each. */
export type BlindIndexPurpose = 'phone' | 'email' | 'linkage-block' | 'invalid-email' | 'returned-address';

/** Index of a value already in canonical form (E.164 phone, lower-cased e-mail): null stays null. */
export function blindIndex(purpose: BlindIndexPurpose, canonicalValue: string | null | undefined): string | null {
  return canonicalValue === null || canonicalValue === undefined || canonicalValue === ''
    ? null
    : personalDataKeys().blindIndexes.index(purpose, canonicalValue);
}

/** The 31-bit keyed hash of a linkage blocking key (what `linkage_block_key.key_hash` stores). */
export function blockKeyHash(blockingKey: string): number {
  return personalDataKeys().blindIndexes.index31('linkage-block', blockingKey);
}
