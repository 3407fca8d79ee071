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
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
