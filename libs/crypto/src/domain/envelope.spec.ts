import { randomBytes } from 'node:crypto';
import { BlindIndexer } from './blind-index';
import { Envelope, SealedValueError } from './envelope';
import { MasterKeyError, parseMasterKeys } from './master-keys';

const keyOf = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('envelope encryption of personal values', () => {
  const old = keyOf('k2025');
  const current = keyOf('k2026');

  it('seals a value so that the stored text does not reveal it, and opens it back', () => {
    const envelope = new Envelope(parseMasterKeys(old));
    const sealed = envelope.seal('Fatima Benali, 12 rue des Lilas', 'partner_record.street');
    expect(sealed.startsWith('pii1.k2025.')).toBe(true);
    expect(sealed).not.toContain('Fatima');
    expect(envelope.open(sealed, 'partner_record.street')).toBe('Fatima Benali, 12 rue des Lilas');
    // Same value twice: two different ciphertexts (random IV), so equal values cannot be spotted in a dump.
    expect(envelope.seal('Benali', 'partner_record.last_name')).not.toBe(envelope.seal('Benali', 'partner_record.last_name'));
  });

  it('refuses a value moved to another column, altered, or under an unknown master key', () => {
    const envelope = new Envelope(parseMasterKeys(old));
    const sealed = envelope.seal('+33612345678', 'partner_record.phone');
    expect(() => envelope.open(sealed, 'partner_record.email')).toThrow(SealedValueError);
    const body = sealed.slice(sealed.lastIndexOf('.') + 1);
    const flipped = `${sealed.slice(0, sealed.lastIndexOf('.') + 1)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => envelope.open(flipped, 'partner_record.phone')).toThrow(SealedValueError);
    expect(() => new Envelope(parseMasterKeys(current)).open(sealed, 'partner_record.phone')).toThrow(
      /master key "k2025" is not configured/,
    );
    expect(() => envelope.open('+33612345678', 'partner_record.phone')).toThrow(SealedValueError);
  });

  it('rotates without downtime: the new active key writes, the old one still reads until rotation', () => {
    const before = new Envelope(parseMasterKeys(old));
    const sealedBefore = before.seal('Dupont', 'partner_record.last_name');
    const during = new Envelope(parseMasterKeys(`${current},${old}`));
    expect(during.open(sealedBefore, 'partner_record.last_name')).toBe('Dupont');
    expect(during.isCurrent(sealedBefore)).toBe(false);
    const resealed = during.seal(during.open(sealedBefore, 'partner_record.last_name'), 'partner_record.last_name');
    expect(during.isCurrent(resealed)).toBe(true);
    expect(Envelope.masterKeyIdOf(resealed)).toBe('k2026');
    expect(new Envelope(parseMasterKeys(current)).open(resealed, 'partner_record.last_name')).toBe('Dupont');
  });

  it('names the setting and never echoes key material when master keys are malformed', () => {
    const secret = randomBytes(16).toString('base64');
    expect(() => parseMasterKeys(`k1:${secret}`)).toThrow(/UNISSON_MASTER_KEYS, key "k1": must be 32 bytes/);
    try {
      parseMasterKeys(`k1:${secret}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
    expect(() => parseMasterKeys('')).toThrow(MasterKeyError);
    expect(() => parseMasterKeys(`${keyOf('a')},${keyOf('a')}`)).toThrow(/appears twice/);
    expect(() => parseMasterKeys(randomBytes(32).toString('base64'))).toThrow(/its id/);
  });
});

describe('keyed blind indexes', () => {
  it('are stable for one secret and purpose, and differ across purposes and secrets', () => {
    const indexer = new BlindIndexer('a-blind-index-secret-of-enough-length');
    expect(indexer.index('phone', '+33612345678')).toBe(indexer.index('phone', '+33612345678'));
    expect(indexer.index('phone', '+33612345678')).toHaveLength(22);
    expect(indexer.index('phone', '+33612345678')).not.toBe(indexer.index('email', '+33612345678'));
    expect(indexer.index('phone', '+33612345678')).not.toBe(
      new BlindIndexer('another-secret-of-enough-length!!').index('phone', '+33612345678'),
    );
    const hash = indexer.index31('linkage-block', 'p:+33612345678');
    expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 31).toBe(true);
    expect(indexer.index31('linkage-block', 'p:+33612345679')).not.toBe(hash);
  });
});
