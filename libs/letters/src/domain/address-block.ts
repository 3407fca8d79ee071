import { FRENCH_POSTAL_CODE } from '@unisson/vocabulary';
/**
 * The address block of a window envelope after the French postal standard NF Z 10-011: at most
 * six lines of at most 38 characters, the last one "CP VILLE" (five-digit postcode, the town in
 * capitals), no punctuation from the fourth line on, the recipient's name first. Lines between the
 * name and the street hold the flat, floor, building or residence (the household's `addressExtra`).
 *
 * A problem names the household's field that has to be corrected, so that the person reading it
 * knows where to go. What can be mended without changing the address is mended (spaces, case,
 * accents and punctuation of the last lines); what cannot is refused.
 */
export const ADDRESS_MAX_LINES = 6;
export const ADDRESS_MAX_CHARS = 38;

export interface PostalAddress {
  /** The recipient, as printed on line 1 (first name and last name, or a company's name). */
  name: string;
  /** Flat, floor, staircase, building or residence: lines 2 and 3. */
  addressExtra?: string | null;
  /** Number and street (line 4); several lines when a lieu-dit or a post box follows. */
  street: string;
  postalCode: string;
  city: string;
}

export type AddressField = 'name' | 'addressExtra' | 'street' | 'postalCode' | 'city';

export interface AddressProblem {
  field: AddressField;
  message: string;
}

export type AddressBlockResult = { ok: true; lines: string[] } | { ok: false; problems: AddressProblem[] };

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
/** Punctuation the standard forbids from line 4 on: removed (a comma after the number, dots of abbreviations). */
const FORBIDDEN_PUNCTUATION = /[.,;:!?"«»()[\]]/g;
const PRINTABLE = /^[\p{L}\p{N} '’\-/&°]*$/u;
/** Lines 1 to 3 may keep a comma or a dot ("Bât. B, esc. 2"). */
const PRINTABLE_TOP = /^[\p{L}\p{N} '’\-/&°.,]*$/u;

/** Line 4 on: capitals without accents nor punctuation, as La Poste's sorting machines read best. */
export function postalLine(s: string): string {
  return collapse(stripAccents(s).replace(FORBIDDEN_PUNCTUATION, ' ').replace(/’/g, "'")).toUpperCase();
}

/** The block's lines, or the problems (each naming its field). */
export function addressBlock(address: PostalAddress): AddressBlockResult {
  const problems: AddressProblem[] = [];
  const name = collapse(address.name ?? '');
  const extras = (address.addressExtra ?? '').split(/\n/).map(collapse).filter(Boolean);
  const streets = (address.street ?? '').split(/\n/).map(postalLine).filter(Boolean);
  const postalCode = collapse(address.postalCode ?? '').replace(/\s/g, '');
  const city = postalLine(address.city ?? '');

  if (!name) problems.push({ field: 'name', message: 'le nom du destinataire (ligne 1) est vide' });
  if (streets.length === 0) problems.push({ field: 'street', message: 'la rue (ligne 4) est vide' });
  if (!/^\d{5}$/.test(postalCode))
    problems.push({ field: 'postalCode', message: `le code postal doit avoir 5 chiffres (reçu « ${address.postalCode ?? ''} »)` });
  else if (!FRENCH_POSTAL_CODE.test(postalCode))
    problems.push({ field: 'postalCode', message: `${postalCode} n’est le code postal d’aucune commune : vérifiez-le` });
  if (!city) problems.push({ field: 'city', message: 'la ville (dernière ligne) est vide' });

  const check = (field: AddressField, line: string, what: string, top = false) => {
    if (line.length > ADDRESS_MAX_CHARS)
      problems.push({
        field,
        message: `${what} a ${line.length} caractères, ${ADDRESS_MAX_CHARS} au plus par ligne : abrégez-la (« BAT » pour bâtiment, « RES » pour résidence…)`,
      });
    if (!(top ? PRINTABLE_TOP : PRINTABLE).test(line))
      problems.push({
        field,
        message: `${what} contient des signes qu'une machine de tri ne lit pas : gardez lettres, chiffres, espaces, apostrophes et tirets`,
      });
  };
  check('name', name, 'le nom', true);
  extras.forEach((line, i) => check('addressExtra', line, 'le complément d’adresse', i < 2));
  streets.forEach((line) => check('street', line, 'la rue'));
  const lastLine = `${postalCode} ${city}`;
  check('city', lastLine, 'la ligne « CP VILLE »');

  const lines = [name, ...extras, ...streets, lastLine];
  if (lines.length > ADDRESS_MAX_LINES) {
    problems.push({
      field: extras.length > 2 ? 'addressExtra' : 'street',
      message: `l'adresse tient sur ${lines.length} lignes, ${ADDRESS_MAX_LINES} au plus : regroupez le complément d'adresse`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines };
}

/**
 * The address block of a recipient written one line per line (messaging's letter recipient:
 * name, complements, street, "CP VILLE"). The last line is split into postcode and town.
 */
export function parseRecipient(recipient: string): PostalAddress {
  const lines = recipient.split(/\r?\n/).map(collapse).filter(Boolean);
  const last = lines.length > 1 ? lines[lines.length - 1] : '';
  const match = /^(\S+)\s+(.*)$/.exec(last);
  const middle = lines.slice(1, -1);
  return {
    name: lines[0] ?? '',
    addressExtra: middle.slice(0, -1).join('\n') || null,
    street: middle[middle.length - 1] ?? '',
    postalCode: match?.[1] ?? last,
    city: match?.[2] ?? '',
  };
}

export function describeAddressProblems(problems: AddressProblem[]): string {
  return problems.map((p) => `${p.field} : ${p.message}`).join(' ; ');
}
