/**
 * How the reason trace writes things for the people who read it: dates as French people write
 * them ("1er mars 2027"), stages by their French label, partners by their name. No ids, no codes.
 */
import { STAGE_LABELS, type ProcedureStage } from '@unisson/vocabulary';
import { dayOfIsoDate, isoDateOfDay } from './calendar';
import type { PartnerInPlan, PartnerKind } from './types';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "1er mars 2027", "15 avril 2027" from 'YYYY-MM-DD' or a day number. */
export function frenchDate(date: string | number): string {
  const iso = typeof date === 'number' ? isoDateOfDay(date) : isoDateOfDay(dayOfIsoDate(date.slice(0, 10)));
  const [y, m, d] = iso.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

export function stageLabel(stage: ProcedureStage): string {
  return STAGE_LABELS[stage];
}

const KIND_LABELS: Record<PartnerKind, string> = {
  bailleur_social: 'bailleur social',
  bailleur_prive: 'bailleur privé',
  caf: 'CAF',
  etat: 'services de l’État',
  departement: 'Département',
  ccapex: 'CCAPEX',
  adil: 'ADIL',
  ccas: 'CCAS',
  commissaire_de_justice: 'commissaire de justice',
  equipe_mobile: 'équipe mobile',
  association: 'association',
  plateforme_appels: "plateforme d'appels",
};

export function partnerKindLabel(kind: PartnerKind): string {
  return KIND_LABELS[kind];
}

/** A partner's name for the trace; a partner Unisson does not know is named by its kind, never by its id. */
export function partnerName(partners: readonly PartnerInPlan[], id: string, kind?: PartnerKind): string {
  const found = partners.find((p) => p.id === id);
  if (found) return found.name;
  return kind ? `un partenaire (${KIND_LABELS[kind]})` : 'un partenaire';
}
