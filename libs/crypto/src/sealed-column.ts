import type { ValueTransformer } from 'typeorm';
import { SEALED_PREFIX } from './domain/envelope';
import { personalDataKeys } from './personal-data-keys';

/**
 * Seals a personal value for storage under a context (the column, "table.column"), opens it
 * when read. Values that are not sealed (the erasure marker "[effacé]") read as they are.
 */
export function sealValue(value: string, context: string): string {
  return personalDataKeys().envelope.seal(value, context);
}

export function openValue(stored: string, context: string): string {
  return stored.startsWith(SEALED_PREFIX) ? personalDataKeys().envelope.open(stored, context) : stored;
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

/** What `keys:rotate` looks for in the entities' metadata. */
export class SealedColumn implements ValueTransformer {
  constructor(
    readonly context: string,
    readonly format: 'text' | 'json',
  ) {}

  to(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (this.format === 'json') return sealJson(value, this.context);
    if (typeof value !== 'string') {
      throw new TypeError(`${this.context} is sealed: it can be written as text only, and never searched by value (use its blind index)`);
    }
    return sealValue(value, this.context);
  }

  from(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    return this.format === 'json' ? openJson(value as string, this.context) : openValue(value as string, this.context);
  }
}

/** The transformer of a sealed text column: `@Column({ type: 'text', transformer: sealedText('partner_record.phone') })`. */
export const sealedText = (context: string): SealedColumn => new SealedColumn(context, 'text');
export const sealedJsonColumn = (context: string): SealedColumn => new SealedColumn(context, 'json');
