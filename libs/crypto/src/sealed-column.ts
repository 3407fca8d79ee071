import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ValueTransformer } from 'typeorm';
import { SEALED_PREFIX } from './domain/envelope';
import { personalDataKeys } from './personal-data-keys';

/**
 * First byte of a plaintext deflated before sealing: 0xFF never begins UTF-8 text, so a value
 * sealed plain and one sealed deflated open through the same `openValue`.
 */
const DEFLATED = 0xff;

/**
 * Seals a personal value for storage under a context (the column, "table.column"), opens it
 * when read. Values that are not sealed (the erasure marker "[effacé]") read as they are.
 */
export function sealValue(value: string, context: string): string {
  return personalDataKeys().envelope.seal(value, context);
}

/**
 * A long, repetitive text (an e-mail's HTML: 18 KB, 2.5 KB deflated) deflated, then sealed: the
 * ciphertext cannot be compressed, so PostgreSQL would store and read it whole (decision 0028).
 */
export function sealDeflated(value: string, context: string): string {
  const deflated = deflateRawSync(Buffer.from(value, 'utf8'), { level: 4 });
  return personalDataKeys().envelope.sealBytes(Buffer.concat([Buffer.from([DEFLATED]), deflated]), context);
}

/**
 * The output buffer of an inflation, large enough for the whole text at once: HTML deflates
 * about seven times; zlib's 16 KB default took an e-mail's body in two pieces and a copy.
 */
const inflatedChunkSize = (deflated: number) => Math.min(1 << 20, Math.max(16 * 1024, deflated * 8));

export function openValue(stored: string, context: string): string {
  if (!stored.startsWith(SEALED_PREFIX)) return stored;
  const plaintext = personalDataKeys().envelope.openBytes(stored, context);
  if (plaintext[0] !== DEFLATED) return plaintext.toString('utf8');
  const deflated = plaintext.subarray(1);
  return inflateRawSync(deflated, { chunkSize: inflatedChunkSize(deflated.length) }).toString('utf8');
}

export function sealNullable(value: string | null | undefined, context: string): string | null {
  return value === null || value === undefined ? null : sealValue(value, context);
}

export function openNullable(stored: string | null | undefined, context: string): string | null {
  return stored === null || stored === undefined ? null : openValue(stored, context);
}

export function sealJson(value: unknown, context: string): string {
  return sealValue(JSON.stringify(value), context);
}

export function openJson<T>(stored: string | T, context: string): T {
  // A jsonb column not yet converted reads as an object.
  return typeof stored === 'string' ? (JSON.parse(openValue(stored, context)) as T) : stored;
}

/**
 * A JSON document sealed whole but for a few keys kept clear beside it (what queries need, e.g. a
 * partner's own reference): `{ ...clear, sealed: "pii1…" }`. Documents without `sealed` (written
 * before encryption, or erased) read as they are.
 */
export function sealDocument(document: Record<string, unknown>, context: string, clearKeys: readonly string[]): Record<string, unknown> {
  const clear = Object.fromEntries(clearKeys.filter((k) => document[k] !== undefined).map((k) => [k, document[k]]));
  return { ...clear, sealed: sealJson(document, context) };
}

export function openDocument<T>(stored: Record<string, unknown>, context: string): T {
  return (typeof stored.sealed === 'string' ? openJson<T>(stored.sealed, context) : stored) as T;
}

/** A bytea value sealed by a `bytes` column (bytes stored before encryption read as they are). */
export function openBytes(stored: Buffer, context: string): Buffer {
  const head = stored.subarray(0, SEALED_PREFIX.length).toString('latin1');
  return head === SEALED_PREFIX ? personalDataKeys().envelope.openBytes(stored.toString('latin1'), context) : stored;
}

/** What `keys:rotate` looks for in the entities' metadata. */
export class SealedColumn implements ValueTransformer {
  constructor(
    readonly context: string,
    readonly format: 'text' | 'text[]' | 'json' | 'document' | 'bytes',
    readonly clearKeys: readonly string[] = [],
    /** text only: deflated before it is sealed (`sealDeflated`) */
    readonly deflate = false,
  ) {}

  to(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (this.format === 'json') return sealJson(value, this.context);
    if (this.format === 'document') return sealDocument(value as Record<string, unknown>, this.context, this.clearKeys);
    if (this.format === 'text[]') return (value as string[]).map((v) => sealValue(v, this.context));
    if (this.format === 'bytes') return Buffer.from(personalDataKeys().envelope.sealBytes(value as Buffer, this.context), 'latin1');
    if (typeof value !== 'string') {
      throw new TypeError(`${this.context} is sealed: it can be written as text only, and never searched by value (use its blind index)`);
    }
    return this.deflate ? sealDeflated(value, this.context) : sealValue(value, this.context);
  }

  from(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (this.format === 'document') return openDocument(value as Record<string, unknown>, this.context);
    if (this.format === 'bytes') return openBytes(value as Buffer, this.context);
    if (this.format === 'text[]') return (value as string[]).map((v) => openValue(v, this.context));
    return this.format === 'json' ? openJson(value as string, this.context) : openValue(value as string, this.context);
  }
}

/** The transformer of a sealed text column: `@Column({ type: 'text', transformer: sealedText('partner_record.phone') })`. */
export const sealedText = (context: string, options: { deflate?: boolean } = {}): SealedColumn =>
  new SealedColumn(context, 'text', [], options.deflate ?? false);
export const sealedJsonColumn = (context: string): SealedColumn => new SealedColumn(context, 'json');
/** A jsonb column sealed but for `clearKeys`: `@Column({ type: 'jsonb', transformer: sealedDocumentColumn('partner_submission.payload', ['partnerRef']) })`. */
export const sealedDocumentColumn = (context: string, clearKeys: readonly string[]): SealedColumn =>
  new SealedColumn(context, 'document', clearKeys);
/** A bytea column sealed whole (an uploaded file). */
export const sealedBytesColumn = (context: string): SealedColumn => new SealedColumn(context, 'bytes');
/** A text[] column whose elements are sealed one by one (an address block's lines). */
export const sealedTextArray = (context: string): SealedColumn => new SealedColumn(context, 'text[]');
