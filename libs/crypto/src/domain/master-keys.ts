/**
 * Master keys (key-encryption keys, KEK): the only secrets that open personal data. They come
 * from configuration as `id:base64` pairs separated by commas; the first is the active one (new
 * data keys are wrapped with it), the others still open what they wrapped until `keys:rotate`
 * has moved every value to the active key.
 */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/** Parses `id1:base64,id2:base64` (32-byte keys); the message names the setting and never echoes a key. */
export function parseMasterKeys(setting: string, settingName = 'UNISSON_MASTER_KEYS'): MasterKey[] {
  const entries = setting
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new MasterKeyError(`${settingName} is empty: give at least one "id:base64" key of 32 bytes.`);
  const seen = new Set<string>();
  return entries.map((entry, position) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) {
      throw new MasterKeyError(`${settingName}, key ${position + 1}: its id (before ":") must be 1 to 32 letters, digits, "_" or "-".`);
    }
    if (seen.has(id)) throw new MasterKeyError(`${settingName}: the id "${id}" appears twice.`);
    seen.add(id);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) {
      throw new MasterKeyError(
        `${settingName}, key "${id}": must be 32 bytes in base64 (it has ${key.length}); make one with "openssl rand -base64 32".`,
      );
    }
    return { id, key };
  });
}
