import { jaroWinkler } from './similarity';
import { fold } from './text';

/**
 * Official French communes and postal codes (INSEE / La Poste, from the maintained
 * @etalab/decoupage-administratif package). Resolves "St-Denis 93200", "Epinay s/ Seine" or a
 * CEDEX code such as 38007 to one INSEE code, so two spellings of one commune compare equal.
 */
interface CommuneRow {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
}

interface Entry {
  readonly code: string;
  readonly key: string;
}

let byPostalCode: Map<string, Entry[]> | null = null;
let byDepartement: Map<string, Entry[]> | null = null;

/** Folds a commune name and its usual abbreviations to one comparison key. */
export function communeKey(raw: string): string {
  return fold(raw)
    .replace(/\bS\b(?= [A-Z]{3,})/g, 'SUR')
    .replace(/\bSTE\b/g, 'SAINTE')
    .replace(/\bST\b/g, 'SAINT')
    .replace(/\bCEDEX\b.*$/, '')
    .replace(/\b(LE|LA|LES|L|D|DE|DU|DES|SUR|SOUS|EN|ET)\b/g, '')
    .replace(/\s+/g, '');
}

function load(): void {
  if (byPostalCode) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rows = require('@etalab/decoupage-administratif/data/communes.json') as CommuneRow[];
  byPostalCode = new Map();
  byDepartement = new Map();
  for (const row of rows) {
    if (row.type !== 'commune-actuelle') continue;
    const entry: Entry = { code: row.code, key: communeKey(row.nom) };
    for (const cp of row.codesPostaux ?? []) {
      const list = byPostalCode.get(cp) ?? [];
      list.push(entry);
      byPostalCode.set(cp, list);
    }
    const dep = row.departement ?? row.code.slice(0, 2);
    const list = byDepartement.get(dep) ?? [];
    list.push(entry);
    byDepartement.set(dep, list);
  }
}

function best(entries: readonly Entry[] | undefined, key: string, minimum: number): Entry | null {
  if (!entries || entries.length === 0) return null;
  if (key.length === 0) return entries.length === 1 ? entries[0] : null;
  let winner: Entry | null = null;
  let score = minimum;
  for (const e of entries) {
    const s = e.key === key ? 1 : jaroWinkler(e.key, key);
    if (s > score || (s === 1 && winner === null)) {
      winner = e;
      score = s;
    }
  }
  return winner;
}

const cache = new Map<string, string | null>();

/** INSEE code of the commune, or null when the pair (postal code, city) is not French or unknown. */
export function resolveCommune(postalCode: string, city: string): string | null {
  const cp = postalCode.replace(/\s+/g, '');
  const cacheKey = `${cp}|${city}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  load();
  const key = communeKey(city);
  let found: Entry | null = null;
  if (/^\d{5}$/.test(cp)) {
    found = best(byPostalCode?.get(cp), key, 0.85);
    if (!found && key.length > 0) {
      const dep = cp.startsWith('97') ? cp.slice(0, 3) : cp.startsWith('20') ? '2A' : cp.slice(0, 2);
      found = best(byDepartement?.get(dep), key, 0.93);
    }
  }
  const result = found?.code ?? null;
  if (cache.size > 200_000) cache.clear();
  cache.set(cacheKey, result);
  return result;
}
