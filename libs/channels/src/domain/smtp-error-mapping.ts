import { ChannelError } from './channel-error';

/** The fields nodemailer puts on its errors that matter for retry decisions. */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  /** The SMTP step that failed ('CONN', 'EHLO', 'MAIL FROM', 'RCPT TO', 'DATA'…), as nodemailer names it. */
  command?: string;
  message: string;
}

/** Steps whose refusal concerns the server (an outage), not this recipient or this message. */
const SERVER_STEPS = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'MAIL FROM']);

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'ETLS']);

/**
 * SMTP replies say it themselves: 4xx is transient (greylisting, full queue), 5xx is permanent
 * (unknown mailbox, rejected content). Connection problems are transient; a malformed envelope
 * or message is not.
 */
export function smtpFailureToChannelError(failure: SmtpFailure): ChannelError {
  const { responseCode, code } = failure;
  if (responseCode !== undefined && responseCode >= 400) {
    // A 5xx to RCPT TO or to the message is about that mailbox or content: permanent. A 5xx in
    // the greeting or to MAIL FROM is the relay refusing service (554 "no service"): an outage.
    const retryable = responseCode < 500 || SERVER_STEPS.has(failure.command ?? '');
    return new ChannelError(
      'email',
      String(responseCode),
      retryable,
      `Le serveur SMTP a répondu ${responseCode}${retryable ? ' (temporaire)' : ' (définitif)'}.`,
      responseCode,
    );
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new ChannelError('email', 'NETWORK', true, `Serveur SMTP injoignable (${code}) : nouvel essai plus tard.`);
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    return new ChannelError('email', 'INVALID_REQUEST', false, `Courriel invalide (${code}) : vérifiez l'adresse.`);
  }
  if (code === 'EAUTH') {
    return new ChannelError('email', 'AUTH', false, 'Authentification SMTP refusée : vérifiez SMTP_URL.');
  }
  return new ChannelError('email', code ?? 'UNKNOWN', true, `Échec inattendu de l'envoi du courriel (${code ?? 'inconnu'}).`);
}
