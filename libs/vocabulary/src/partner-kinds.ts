/**
 * The kinds of organisation that contact households, as the charter names them. Defined once:
 * the partners' directory stores them, the planner's playbooks reason about them.
 */
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

export function isPartnerKind(value: string): value is PartnerKind {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}
