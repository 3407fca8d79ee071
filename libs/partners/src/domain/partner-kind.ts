/** The kinds of organisation that contact households, as the charter names them. */
export const PARTNER_KINDS = [
  'bailleur_social',
  'bailleur_prive',
  'caf',
  'etat',
  'departement',
  'ccapex',
  'adil',
  'ccas',
  'commissaire_de_justice',
  'equipe_mobile',
  'association',
  'plateforme_appels',
  'analyste',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** French names of the kinds, for the admin pages. */
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  bailleur_social: 'Bailleur social',
  bailleur_prive: 'Bailleur privé',
  caf: 'CAF',
  etat: 'Services de l’État (DRIHL, DDETS, préfecture)',
  departement: 'Département',
  ccapex: 'CCAPEX',
  adil: 'ADIL',
  ccas: 'CCAS',
  commissaire_de_justice: 'Commissaire de justice',
  equipe_mobile: 'Équipe mobile (EMPEX)',
  association: 'Association',
  plateforme_appels: 'Plateforme d’appels',
  analyste: 'Organisme d’analyse (chiffres agrégés)',
};

export function isPartnerKind(value: string): value is PartnerKind {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}
