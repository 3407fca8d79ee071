import type { PartnerKind } from '@unisson/vocabulary';

export { PARTNER_KINDS, isPartnerKind, type PartnerKind } from '@unisson/vocabulary';

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
