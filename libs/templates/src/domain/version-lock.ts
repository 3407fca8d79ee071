import type { Locale, TemplateKey } from './catalogue';

/**
 * templates/versions.lock.json: template -> version -> locale -> content hash.
 * An entry, once written, is never changed: messages may have used it. Changing the text of a
 * locked version is refused; the author bumps `version` in template.json and locks the new one.
 */
export type VersionLock = Record<string, Record<string, Record<string, string>>>;

export interface CurrentVersion {
  key: TemplateKey;
  version: number;
  locale: Locale;
  hash: string;
}

export interface LockFinding {
  rule: 'locked-version-changed' | 'version-not-locked';
  key: TemplateKey;
  locale: Locale;
  detail: string;
}

export function checkVersionLock(current: CurrentVersion[], lock: VersionLock): LockFinding[] {
  const findings: LockFinding[] = [];
  for (const c of current) {
    const locked = lock[c.key]?.[String(c.version)]?.[c.locale];
    if (locked === undefined) {
      findings.push({
        rule: 'version-not-locked',
        key: c.key,
        locale: c.locale,
        detail: `Version ${c.version} (${c.hash}) n'est pas verrouillée : lancez "npm run lint:templates -- --lock" puis committez templates/versions.lock.json.`,
      });
    } else if (locked !== c.hash) {
      findings.push({
        rule: 'locked-version-changed',
        key: c.key,
        locale: c.locale,
        detail: `Le texte de la version ${c.version} a changé (${locked} -> ${c.hash}) alors qu'elle est verrouillée. Passez "version" à ${c.version + 1} dans templates/${c.key}/template.json, puis lancez "npm run lint:templates -- --lock".`,
      });
    }
  }
  return findings;
}

/** Adds the missing entries; never rewrites an existing one. */
export function extendLock(lock: VersionLock, current: CurrentVersion[]): { lock: VersionLock; added: number } {
  const next: VersionLock = JSON.parse(JSON.stringify(lock)) as VersionLock;
  let added = 0;
  for (const c of current) {
    const byVersion = (next[c.key] ??= {});
    const byLocale = (byVersion[String(c.version)] ??= {});
    if (byLocale[c.locale] === undefined) {
      byLocale[c.locale] = c.hash;
      added++;
    }
  }
  return { lock: sortLock(next), added };
}

function sortLock(lock: VersionLock): VersionLock {
  const out: VersionLock = {};
  for (const key of Object.keys(lock).sort()) {
    out[key] = {};
    for (const v of Object.keys(lock[key]).sort((a, b) => Number(a) - Number(b))) {
      out[key][v] = {};
      for (const l of Object.keys(lock[key][v]).sort()) out[key][v][l] = lock[key][v][l];
    }
  }
  return out;
}
