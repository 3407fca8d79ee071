/**
 * Who wants to tell a household what at each stage, by profile, from
 * shared/courrier-inventory.md. The same wishes feed both sides of the simulation: today each
 * partner sends its own messages; with Unisson they become intents for the planner.
 */
import type { PartnerKind } from '../types';
import { type ContactChannel, type ProcedureStage } from '@unisson/vocabulary';
import type { SimulatedHousehold } from './household-generator';

export interface PartnerWish {
  partnerKind: PartnerKind;
  purpose: string;
  legal: boolean;
  /** What the partner sends on its own today (a letter almost always). */
  ownChannels: ContactChannel[];
  /** Whether the partner sends a reminder letter when the household does not answer. */
  remindsByLetter: boolean;
}

const wish = (
  partnerKind: PartnerKind,
  purpose: string,
  ownChannels: ContactChannel[],
  options: { legal?: boolean; reminds?: boolean } = {},
): PartnerWish => ({ partnerKind, purpose, legal: options.legal ?? false, ownChannels, remindsByLetter: options.reminds ?? false });

function landlord(h: SimulatedHousehold): PartnerKind {
  return h.sector === 'social' ? 'bailleur_social' : 'bailleur_prive';
}

/** Partners' wishes for a household at a stage (deterministic given the household and a draw). */
export function partnerWishes(h: SimulatedHousehold, stage: ProcedureStage, draw: () => number): PartnerWish[] {
  const phone = h.hasMobilePhone;
  const wishes: PartnerWish[] = [];
  switch (stage) {
    case 'premier_impaye':
      wishes.push(
        wish(landlord(h), 'rappelImpaye', h.sector === 'social' && phone ? ['letter', 'sms', 'call'] : ['letter', 'letter'], {
          reminds: true,
        }),
      );
      if (h.sector === 'social') wishes.push(wish('bailleur_social', 'offreTravailleurSocialBailleur', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreTravailleurSocialBailleur', ['letter']));
      if (draw() < 0.3) wishes.push(wish('adil', 'informationSosLoyersImpayes', ['letter']));
      break;
    case 'signalement_caf':
      wishes.push(wish('caf', 'avisSignalementCaf', ['letter'], { legal: true }));
      wishes.push(wish('caf', 'offreTravailleurSocialCaf', ['letter']));
      if (draw() < 0.5) wishes.push(wish('etat', 'protocoleTripartite', ['letter']));
      wishes.push(wish('caf', 'decisionAideLogement', ['letter'], { legal: true }));
      break;
    case 'saisine_ccapex':
      wishes.push(wish('bailleur_social', 'saisineCcapexInformation', phone ? ['letter', 'call'] : ['letter'], { reminds: true }));
      if (h.clilCommune) wishes.push(wish('ccas', 'recommandationClil', ['letter']), wish('ccas', 'miseADisposition', ['letter']));
      break;
    case 'commandement_de_payer':
      wishes.push(wish('commissaire_de_justice', 'commandementDePayer', ['servedAct'], { legal: true }));
      wishes.push(wish('etat', 'lettrePreventionCcapex', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'offreServiceSocialCommandement', ['letter']));
      if (draw() < 0.4) wishes.push(wish('adil', 'informationJuridiqueAdil', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreServiceSocialCommandement', ['letter']));
      wishes.push(wish(landlord(h), 'rappelFinDelaiCommandement', ['letter']));
      if (h.cafRecipient) wishes.push(wish('caf', 'accompagnementCafCommandement', []));
      break;
    case 'assignation':
      wishes.push(wish('commissaire_de_justice', 'assignation', ['servedAct'], { legal: true }));
      wishes.push(wish('etat', 'annonceDiagnostic', ['letter'], { legal: true }));
      wishes.push(
        wish('departement', 'propositionEntretienDiagnostic', phone ? ['letter', 'call', 'sms'] : ['letter'], {
          legal: true,
          reminds: true,
        }),
      );
      if (h.sector === 'prive' && !h.knownToSocialServices && h.territory !== '38') {
        wishes.push(wish('equipe_mobile', 'allerVersEquipeMobile', ['letter', 'email', 'sms', 'homeVisit', 'homeVisit', 'letter']));
      }
      wishes.push(wish('adil', 'rappelAudience', phone ? ['letter', 'sms'] : ['letter']));
      if (draw() < 0.5) wishes.push(wish('association', 'rappelAudience', ['letter']));
      if (draw() < 0.5) wishes.push(wish('adil', 'aideJuridictionnelle', ['letter']));
      break;
    case 'jugement':
      wishes.push(wish('commissaire_de_justice', 'significationJugement', ['servedAct'], { legal: true }));
      wishes.push(wish('departement', 'explicationJugement', ['letter']));
      wishes.push(wish(landlord(h), 'rappelEcheancier', ['letter', 'letter']));
      break;
    case 'commandement_de_quitter_les_lieux':
      wishes.push(wish('commissaire_de_justice', 'commandementDeQuitterLesLieux', ['servedAct'], { legal: true }));
      wishes.push(wish('etat', 'lettrePrefectureDalo', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'offreRelogement', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreRelogement', ['letter']));
      break;
    case 'concours_force_publique':
      wishes.push(wish('etat', 'convocationEnquete', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'dernierContactSocial', ['letter', 'call']));
      if (h.clilCommune) wishes.push(wish('ccas', 'dernierContactSocial', ['letter']));
      break;
    case 'expulsion':
      wishes.push(wish('departement', 'hebergementUrgence', ['call', 'letter']));
      // Nobody tells the household about the winter truce today: a new message, nothing on the baseline side.
      wishes.push(wish('etat', 'informationTreveHivernale', []));
      break;
    default:
      break;
  }
  return wishes;
}
