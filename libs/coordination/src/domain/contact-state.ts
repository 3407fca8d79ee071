/**
 * What really became of a planned contact, as a partner reads it in the plan: planned, sent,
 * delivered, failed, returned (NPAI) or cancelled, and why. Pure.
 */
import { frenchDate } from './french-text';
import type { ZoneClock } from './calendar';

export type ContactState = 'planned' | 'sent' | 'delivered' | 'failed' | 'returned' | 'cancelled';

export interface ContactFacts {
  channel: string;
  status: 'planned' | 'handedOff' | 'cancelled';
  outcome: string | null;
  cancelReason: string | null;
  handedOffAt: string | null;
  notBefore: string;
}

export function contactState(contact: ContactFacts, clock: ZoneClock): { state: ContactState; stateReason: string } {
  const on = (iso: string | null) => (iso ? ` le ${frenchDate(clock.localDay(Date.parse(iso)))}` : '');
  if (contact.status === 'planned')
    return { state: 'planned', stateReason: `Prévu à partir du ${frenchDate(clock.localDay(Date.parse(contact.notBefore)))}.` };
  if (contact.status === 'cancelled') return { state: 'cancelled', stateReason: contact.cancelReason ?? 'Annulé.' };
  switch (contact.outcome) {
    case 'delivered':
      return { state: 'delivered', stateReason: `Remis au ménage (envoyé${on(contact.handedOffAt)}).` };
    case 'responded':
      return { state: 'delivered', stateReason: 'Remis : le ménage a répondu.' };
    case 'refused':
      return { state: 'delivered', stateReason: "Le ménage a refusé l'appel : pas de nouvel appel avant la fin de la pause." };
    case 'undelivered':
    case 'failed':
      return { state: 'failed', stateReason: 'Non remis : le plan passe au canal suivant.' };
    case 'npai':
      return {
        state: 'returned',
        stateReason: "Courrier revenu (n'habite pas à l'adresse indiquée) : adresse marquée invalide, le contenu part par un autre canal.",
      };
    default:
      if (contact.channel === 'servedAct')
        return { state: 'sent', stateReason: `Acte à signifier par le commissaire de justice${on(contact.handedOffAt)}.` };
      if (contact.channel === 'homeVisit') return { state: 'sent', stateReason: `Visite suggérée au service${on(contact.handedOffAt)}.` };
      return { state: 'sent', stateReason: `Envoyé${on(contact.handedOffAt)}.` };
  }
}
