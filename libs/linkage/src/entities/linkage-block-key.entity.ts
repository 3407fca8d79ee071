import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Blocking-key index: one row per (key hash, record), so one record meets its candidates by index.
 * The hash is keyed (HMAC-SHA256 under the blind-index secret, 31 bits): a dump cannot test guesses.
 */
@Entity({ name: 'linkage_block_key' })
@Index('ix_linkage_block_key_record', ['recordId'])
export class LinkageBlockKey {
  @PrimaryColumn({ name: 'key_hash', type: 'integer' })
  keyHash: number;

  @PrimaryColumn({ name: 'record_id', type: 'text' })
  recordId: string;

  @Column({ type: 'text' })
  territory: string;
}
