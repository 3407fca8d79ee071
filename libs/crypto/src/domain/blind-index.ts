import { createHmac, hkdfSync, KeyObject, createSecretKey } from 'node:crypto';

/**
 * Keyed blind indexes: equality on an encrypted value (a phone, an e-mail, a linkage blocking
 * key) through HMAC-SHA256 under a key of its own purpose, derived by HKDF from the blind-index
 * secret (never from the master keys: rotating those leaves the indexes valid). Without the
 * secret, a database dump cannot test a guessed phone number against an index.
 */
export class BlindIndexer {
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the blind-index secret must have at least 16 characters');
  }

  /** 128-bit index (base64url, 22 characters) of a value already in its canonical form. */
  index(purpose: string, canonicalValue: string): string {
    return createHmac('sha256', this.keyOf(purpose)).update(canonicalValue, 'utf8').digest().subarray(0, 16).toString('base64url');
  }

  /** 31-bit index, for integer-keyed indexes where a collision only costs an extra candidate (linkage blocking). */
  index31(purpose: string, canonicalValue: string): number {
    return createHmac('sha256', this.keyOf(purpose)).update(canonicalValue, 'utf8').digest().readUInt32BE(0) >>> 1;
  }

  private keyOf(purpose: string): KeyObject {
    let key = this.keys.get(purpose);
    if (!key) {
      key = createSecretKey(Buffer.from(hkdfSync('sha256', this.secret, 'unisson.blind-index', `purpose:${purpose}`, 32)));
      this.keys.set(purpose, key);
    }
    return key;
  }
}
