import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-keys';

/**
 * Envelope encryption of one personal value (AES-256-GCM twice): the value is sealed with a
 * random data key, and the data key, wrapped by a master key, travels inside the sealed value:
 *
 *   pii1.<master key id>.<wrapped data key: iv | key | tag>.<iv | ciphertext | tag>   (base64url)
 *
 * so a value opens with the master keys alone, whatever process or table it comes from. A data
 * key is drawn once per process and master key (wrapping it again for each value would double
 * the cost for nothing); opened data keys are cached by their wrapped form. The context (the
 * column, e.g. "partner_record.phone") is authenticated data: a value copied into another
 * column does not open there.
 */
export const SEALED_PREFIX = 'pii1.';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_OPENED_DATA_KEYS = 1_000;

export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

interface DataKey {
  readonly key: KeyObject;
  readonly header: string;
}

function gcmSeal(key: Buffer | KeyObject, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function gcmOpen(key: Buffer | KeyObject, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealedValueError('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

export class Envelope {
  private readonly masters: ReadonlyMap<string, Buffer>;
  private current: DataKey | undefined;
  // Opened data keys as KeyObjects: a cipher set up from one is cheaper than from bytes.
  private readonly opened = new Map<string, KeyObject>();

  /** `masterKeys[0]` is the active master key. */
  constructor(masterKeys: readonly MasterKey[]) {
    if (masterKeys.length === 0) throw new SealedValueError('at least one master key is needed');
    this.masters = new Map(masterKeys.map((k) => [k.id, k.key]));
    this.activeKeyId = masterKeys[0].id;
  }

  readonly activeKeyId: string;

  seal(plaintext: string, context: string): string {
    return this.sealBytes(Buffer.from(plaintext, 'utf8'), context);
  }

  /** Bytes (an uploaded file) sealed into the same text form. */
  sealBytes(plaintext: Buffer, context: string): string {
    const dataKey = (this.current ??= this.newDataKey());
    return `${dataKey.header}${gcmSeal(dataKey.key, plaintext, context).toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    return this.openBytes(sealed, context).toString('utf8');
  }

  openBytes(sealed: string, context: string): Buffer {
    const parts = sealed.split('.');
    if (parts.length !== 4 || `${parts[0]}.` !== SEALED_PREFIX) throw new SealedValueError('not a sealed value');
    const [, masterId, wrapped, body] = parts;
    try {
      return gcmOpen(this.dataKey(masterId, wrapped), Buffer.from(body, 'base64url'), context);
    } catch (error) {
      if (error instanceof SealedValueError) throw error;
      throw new SealedValueError(`sealed value does not open (wrong column, altered, or master key "${masterId}" changed)`);
    }
  }

  /** Sealed under the active master key (rotation leaves such values alone). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${SEALED_PREFIX}${this.activeKeyId}.`);
  }

  /** The master key id a sealed value names (null: not sealed). */
  static masterKeyIdOf(value: string): string | null {
    if (!value.startsWith(SEALED_PREFIX)) return null;
    return value.slice(SEALED_PREFIX.length, value.indexOf('.', SEALED_PREFIX.length));
  }

  private newDataKey(): DataKey {
    const bytes = randomBytes(32);
    const master = this.masters.get(this.activeKeyId) as Buffer;
    const wrapped = gcmSeal(master, bytes, `data-key:${this.activeKeyId}`).toString('base64url');
    const key = createSecretKey(bytes);
    this.opened.set(`${this.activeKeyId}.${wrapped}`, key);
    return { key, header: `${SEALED_PREFIX}${this.activeKeyId}.${wrapped}.` };
  }

  private dataKey(masterId: string, wrapped: string): KeyObject {
    const cacheKey = `${masterId}.${wrapped}`;
    const cached = this.opened.get(cacheKey);
    if (cached) return cached;
    const master = this.masters.get(masterId);
    if (!master) throw new SealedValueError(`master key "${masterId}" is not configured (keep it listed until keys:rotate has run)`);
    const key = createSecretKey(gcmOpen(master, Buffer.from(wrapped, 'base64url'), `data-key:${masterId}`));
    if (this.opened.size >= MAX_OPENED_DATA_KEYS) this.opened.clear();
    this.opened.set(cacheKey, key);
    return key;
  }
}
