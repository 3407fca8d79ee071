/**
 * Territories are départements: the 96 of metropolitan France (Corse as 2A and 2B) and the five
 * overseas départements (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte).
 * That is what Unisson covers (decision 0008): Saint-Pierre-et-Miquelon (975), Saint-Barthélemy
 * (977), Saint-Martin (978) and the Pacific collectivités (98x) are not départements, have no
 * playbook, and are refused where a partner names them (a partner's territory, a household's
 * postcode) with a 400 that says why.
 */
const METROPOLITAN = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'), '2A', '2B'];
export const OVERSEAS_DEPARTEMENTS = ['971', '972', '973', '974', '976'] as const;
export const DEPARTEMENTS: readonly string[] = [...METROPOLITAN, ...OVERSEAS_DEPARTEMENTS];

export function isDepartement(code: string): boolean {
  return DEPARTEMENTS.includes(code);
}

/** `DEPARTEMENTS` as a pattern, for schemas (and the OpenAPI document): exactly those codes (tested). */
export const DEPARTEMENT_CODE = /^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$/;

/** Why a territory code is refused, in the words a partner reads. */
export const DEPARTEMENT_CODE_RULE =
  'doit être le code d’un département : 01 à 95, 2A, 2B, 971 à 974 ou 976 (975, 977, 978 et 98x sont des collectivités d’outre-mer qu’Unisson ne couvre pas)';

/** A French commune's postcode: départements 01 to 95, overseas 97x and 98x (none starts with 00 nor 96). Letters go to any of them. */
export const FRENCH_POSTAL_CODE = /^(?:0[1-9]|[1-8]\d|9[0-57-8])\d{3}$/;

/**
 * A postcode of a département, the households Unisson covers: `FRENCH_POSTAL_CODE` without
 * Saint-Pierre-et-Miquelon (975xx), Saint-Barthélemy (97133), Saint-Martin (97150) and the
 * Pacific (98xxx). Exactly the postcodes whose `departementOfPostalCode` is a département (tested).
 */
export const DEPARTEMENT_POSTAL_CODE = /^(?!97133|97150)(?:(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|97[1-46]\d{2})$/;

/** Why a household's postcode is refused although French, in the words a partner reads. */
export const DEPARTEMENT_POSTAL_CODE_RULE =
  'n’est pas celui d’un département : Unisson couvre la métropole, la Corse, la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte, pas Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin ni les collectivités du Pacifique';

/**
 * The territory of a French postal code ("93200" → "93", "97411" → "974", "20090" → "2A",
 * "20200" → "2B"); Saint-Barthélemy (97133) and Saint-Martin (97150), whose postcodes share
 * Guadeloupe's 971, are their own collectivités: "977" and "978", no département.
 */
export function departementOfPostalCode(postalCode: string): string {
  if (postalCode === '97133') return '977';
  if (postalCode === '97150') return '978';
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

/** Who owns the dwelling: a social landlord (HLM) or a private one. One spelling, in the API, the database and the playbooks. */
export const HOUSING_SECTORS = ['social', 'prive'] as const;
export type HousingSector = (typeof HOUSING_SECTORS)[number];
