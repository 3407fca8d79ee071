/**
 * Territories are départements: the 96 of metropolitan France (Corse as 2A and 2B) and the five
 * overseas départements (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte).
 */
const METROPOLITAN = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'), '2A', '2B'];
export const OVERSEAS_DEPARTEMENTS = ['971', '972', '973', '974', '976'] as const;
export const DEPARTEMENTS: readonly string[] = [...METROPOLITAN, ...OVERSEAS_DEPARTEMENTS];

export function isDepartement(code: string): boolean {
  return DEPARTEMENTS.includes(code);
}

/** The département of a French postal code ("93200" → "93", "97411" → "974", "20090" → "2A", "20200" → "2B"). */
/** A French commune's postcode: départements 01 to 95, overseas 97x and 98x (none starts with 00 nor 96). */
export const FRENCH_POSTAL_CODE = /^(?:0[1-9]|[1-8]\d|9[0-57-8])\d{3}$/;

export function departementOfPostalCode(postalCode: string): string {
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

/** Who owns the dwelling: a social landlord (HLM) or a private one. One spelling, in the API, the database and the playbooks. */
export const HOUSING_SECTORS = ['social', 'prive'] as const;
export type HousingSector = (typeof HOUSING_SECTORS)[number];
