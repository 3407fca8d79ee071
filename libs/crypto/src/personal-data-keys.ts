import { loadConfig } from '@unisson/config';
import { BlindIndexer } from './domain/blind-index';
import { Envelope } from './domain/envelope';
import { parseMasterKeys } from './domain/master-keys';

export interface PersonalDataKeySettings {
  /** `id:base64,…`, the first one active. */
  masterKeys: string;
  blindIndexKey: string;
}

export interface PersonalDataKeys {
  readonly envelope: Envelope;
  readonly blindIndexes: BlindIndexer;
}

let installed: PersonalDataKeys | undefined;

/** Installs the process's keys (the apps at start, the rotation command, tests trying other keys). */
export function installPersonalDataKeys(settings: PersonalDataKeySettings): PersonalDataKeys {
  installed = {
    envelope: new Envelope(parseMasterKeys(settings.masterKeys)),
    blindIndexes: new BlindIndexer(settings.blindIndexKey),
  };
  return installed;
}

/**
 * The process's keys. Column transformers run inside TypeORM, outside Nest's injection, hence a
 * process-wide holder; left uninstalled, it is installed from the configuration on first use.
 */
export function personalDataKeys(): PersonalDataKeys {
  return installed ?? installPersonalDataKeys(loadConfig().encryption);
}
