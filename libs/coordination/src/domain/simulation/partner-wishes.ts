/**
 * Who wants to tell a household what at each stage, by profile, from
 * shared/courrier-inventory.md. The same wishes feed both sides of the simulation: today each
 * partner sends its own messages; with Unisson they become intents for the planner.
 */
import type { Channel, PartnerKind, StageId } from '../types';
import type { SimulatedHousehold } from './household-generator';

export interface PartnerWish {
  partnerKind: PartnerKind;
  purpose: string;
  legal: boolean;
  /** What the partner sends on its own today (a letter almost always). */
  ownChannels: Channel[];
  /** Whether the partner sends a reminder letter when the household does not answer. */
  remindsByLetter: boolean;
}

const wish = (
  partnerKind: PartnerKind,
  purpose: string,
  ownChannels: Channel[],
  options: { legal?: boolean; reminds?: boolean } = {},
): PartnerWish => ({ partnerKind, purpose, legal: options.legal ?? false, ownChannels, remindsByLetter: options.reminds ?? false });

function landlord(h: SimulatedHousehold): PartnerKind {
  return h.sector === 'social' ? 'bailleur_social' : 'bailleur_prive';
}

/** Partners' wishes for a household at a stage (deterministic given the household and a draw). */
export function partnerWishes(h: SimulatedHousehold, stage: StageId, draw: () => number): PartnerWish[] {
  const phone = h.hasMobilePhone;
  const wishes: PartnerWish[] = [];
  switch (stage) {
    case 'impaye':
      wishes.push(
        wish(landlord(h), 'rappelImpaye', h.sector === 'social' && phone ? ['letter', 'sms', 'call'] : ['letter', 'letter'], {
          reminds: true,
        }),
      );
      if (h.sector === 'social') wishes.push(wish('bailleur_social', 'offreTravailleurSocialBailleur', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreTravailleurSocialBailleur', ['letter']));
      if (draw() < 0.3) wishes.push(wish('adil', 'informationSosLoyersImpayes', ['letter']));
      break;
    case 'signalementCaf':
      wishes.push(wish('caf', 'avisSignalementCaf', ['letter'], { legal: true }));
      wishes.push(wish('caf', 'offreTravailleurSocialCaf', ['letter']));
      if (draw() < 0.5) wishes.push(wish('etat', 'protocoleTripartite', ['letter']));
      wishes.push(wish('caf', 'decisionAideLogement', ['letter'], { legal: true }));
      break;
    case 'saisineCcapex':
      wishes.push(wish('bailleur_social', 'saisineCcapexInformation', phone ? ['letter', 'call'] : ['letter'], { reminds: true }));
      if (h.clilCommune) wishes.push(wish('ccas', 'recommandationClil', ['letter']), wish('ccas', 'miseADisposition', ['letter']));
      break;
    case 'commandementDePayer':
      wishes.push(wish('commissaire_de_justice', 'commandementDePayer', ['servedAct'], { legal: true }));
      wishes.push(wish('etat', 'lettrePreventionCcapex', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'offreServiceSocialCommandement', ['letter']));
      if (draw() < 0.4) wishes.push(wish('adil', 'informationJuridiqueAdil', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreServiceSocialCommandement', ['letter']));
      wishes.push(wish(landlord(h), 'rappelFinDelaiCommandement', ['letter']));
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
      if (h.sector === 'private' && !h.knownToSocialServices && h.territory !== '38') {
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
    case 'commandementDeQuitterLesLieux':
      wishes.push(wish('commissaire_de_justice', 'commandementDeQuitterLesLieux', ['servedAct'], { legal: true }));
      wishes.push(wish('etat', 'lettrePrefectureDalo', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'offreRelogement', ['letter']));
      if (h.clilCommune) wishes.push(wish('ccas', 'offreRelogement', ['letter']));
      break;
    case 'concoursForcePublique':
      wishes.push(wish('etat', 'convocationEnquete', ['letter'], { legal: true }));
      wishes.push(wish('departement', 'dernierContactSocial', ['letter', 'call']));
      if (h.clilCommune) wishes.push(wish('ccas', 'dernierContactSocial', ['letter']));
      break;
    default:
      break;
  }
  return wishes;
}
