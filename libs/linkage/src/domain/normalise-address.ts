import { NAME_WORDS, NUMBER_SUFFIXES, STREET_STOPWORDS, STREET_TYPES, TRAILING_STREET_TYPES } from './street-vocabulary';
import { fold, tokens } from './text';

export interface NormalisedStreet {
  /** House number with its suffix: "12B", "238T", "" when absent. */
  readonly number: string;
  readonly type: string;
  /** Significant words of the street name, abbreviations expanded: "GENERAL GAULLE". */
  readonly name: string;
}

export interface HousingUnit {
  readonly building: string;
  readonly staircase: string;
  readonly flat: string;
  /** Free text that is not a unit marker (a locality, a residence name), folded. */
  readonly residual: string;
}

const UNIT_MARKERS: Array<[RegExp, keyof Omit<HousingUnit, 'residual'>]> = [
  [/^(?:BAT|BATIMENT|BATIM|BT|BLOC|IMMEUBLE|IMM|TOUR)$/, 'building'],
  [/^(?:ESC|ESCALIER|ESCAL|ENTREE|ENT|HALL)$/, 'staircase'],
  [/^(?:APT|APPT|APP|APPART|APPARTEMENT|LOGT|LOG|LOGEMENT|PORTE|PTE|APPARTMENT|FLAT|UNIT)$/, 'flat'],
];

export function normaliseStreet(raw: string | null | undefined): NormalisedStreet {
  const words = tokens(fold(raw).replace(/\b(\d+)([A-Z]+)\b/g, '$1 $2'));
  let number = '';
  let i = 0;
  if (i < words.length && /^\d+$/.test(words[i])) {
    number = String(Number(words[i]));
    i++;
    const suffix = NUMBER_SUFFIXES.get(words[i] ?? '');
    // "12 A RUE": A is a suffix only when a street word follows.
    if (suffix && i + 1 < words.length) {
      number += suffix;
      i++;
    }
  }
  let type = '';
  const leading = STREET_TYPES.get(words[i] ?? '');
  if (leading && i + 1 < words.length) {
    type = leading;
    i++;
  } else if (words.length - i >= 2 && TRAILING_STREET_TYPES.has(words[words.length - 1])) {
    type = TRAILING_STREET_TYPES.get(words[words.length - 1]) ?? '';
    words.pop();
  }
  const name = words
    .slice(i)
    .filter((w) => !STREET_STOPWORDS.has(w))
    .map((w) => NAME_WORDS.get(w) ?? w)
    .join(' ');
  return { number, type, name };
}

/** Reads building, staircase and flat out of any free text ("Bât C esc. 2 Appt 66"). */
export function parseHousingUnit(...raws: Array<string | null | undefined>): HousingUnit {
  const found = { building: '', staircase: '', flat: '' };
  const residual: string[] = [];
  for (const raw of raws) {
    const words = tokens(fold(raw).replace(/\b([A-Z]+)(\d+)\b/g, '$1 $2'));
    for (let i = 0; i < words.length; i++) {
      const marker = UNIT_MARKERS.find(([re]) => re.test(words[i]));
      if (marker && i + 1 < words.length && /^(?:[A-Z]|\d+)$/.test(words[i + 1])) {
        const value = words[i + 1];
        found[marker[1]] = /^\d+$/.test(value) ? String(Number(value)) : value;
        i++;
      } else if (!marker) {
        residual.push(words[i]);
      }
    }
  }
  return { ...found, residual: residual.join(' ') };
}

/** Splits a street field that also carries the unit ("12 bis av. Jean Jaurès, Bât B"). */
export function splitStreetAndUnit(raw: string | null | undefined): { street: string; unitText: string } {
  if (!raw) return { street: '', unitText: '' };
  const match = /[,\s]+(?=(?:b[aâ]t(?:iment)?|esc(?:alier)?|app?t|appartement|logt|porte)\b\.?)/i.exec(raw);
  if (!match) return { street: raw, unitText: '' };
  return { street: raw.slice(0, match.index), unitText: raw.slice(match.index) };
}
