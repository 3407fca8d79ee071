import { createHash } from 'node:crypto';
import { CompositionRequest, ComposedMessage, MessageComposer } from './message-composer';

const formatEuros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The foundation's one message, in French, used until the template library is wired in.
 * Versioned by content hash like every template.
 */
export class FoundationComposer extends MessageComposer {
  compose(request: CompositionRequest): ComposedMessage {
    const v = request.variables;
    const amount = formatEuros(Number(v.debtCents));
    const landlord = String(v.landlordName);
    const phone = String(v.landlordPhone || '');
    const callLine = phone ? ` Appelez le ${phone}.` : '';
    const text =
      request.channel === 'sms'
        ? `${landlord} : votre loyer n'est pas payé (${amount}). Des aides existent. Parlons-en vite.${callLine} STOP au 36180`
        : `Bonjour,\n\n${landlord} constate un retard de loyer de ${amount}.\n\nVous n'êtes pas seul : des aides existent (CAF, Fonds de solidarité logement, travailleur social).\nContactez-nous vite pour trouver une solution ensemble.${callLine}\n\n${landlord}`;
    const html =
      request.channel === 'email'
        ? `<html lang="fr"><body style="font-family:Arial,sans-serif;font-size:18px;line-height:1.5"><p>Bonjour,</p><p><strong>${escapeHtml(landlord)}</strong> constate un retard de loyer de <strong>${escapeHtml(amount)}</strong>.</p><p>Vous n'êtes pas seul : des aides existent (CAF, Fonds de solidarité logement, travailleur social).</p><p>Contactez-nous vite pour trouver une solution ensemble.${escapeHtml(callLine)}</p></body></html>`
        : null;
    const templateKey = `${request.purpose}.foundation`;
    return {
      templateKey,
      templateVersion: createHash('sha256').update(FoundationComposer.toString()).digest('hex').slice(0, 16),
      locale: 'fr',
      variant: 'default',
      subject: request.channel === 'email' ? `Votre loyer : trouvons une solution ensemble` : null,
      text,
      html,
    };
  }
}
